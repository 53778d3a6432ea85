// DialogueBot in one resource group: storage (tables + queue, managed identity only), Key Vault (the HMAC
// key and the bot secret), monitoring, the Linux web app on .NET 10, and the Azure Bot with the Teams
// channel. Deploy with:
//   az deployment group create -g <group> -f infra/main.bicep -p infra/main.bicepparam
// The outputs (BOT_ID, BOT_DOMAIN, AAD_APP_CLIENT_ID, ...) fill manifest/env/.env.<env> for `make package`.
targetScope = 'resourceGroup'

@description('Short name of this deployment, used in resource names (lowercase letters and digits).')
@minLength(3)
@maxLength(12)
param appName string = 'dialoguebot'

@description('Region of everything but the bot (the Azure Bot resource is global).')
param location string = resourceGroup().location

@description('''How the bot proves who it is to Teams:
- SingleTenant: an Entra app registration in this tenant (botAppId + a client secret in Key Vault). The default.
- MultiTenant: a multi-tenant app registration (existing registrations only: Azure no longer creates new ones).
- UserAssignedMSI: a user-assigned managed identity this template creates; no secret at all.''')
@allowed([
  'SingleTenant'
  'MultiTenant'
  'UserAssignedMSI'
])
param botAppType string = 'SingleTenant'

@description('Client id of the bot\'s Entra app registration. Ignored for UserAssignedMSI (the identity\'s client id is used).')
param botAppId string = ''

@description('Client id of the app registration Teams tabs get SSO tokens for. Empty: the bot\'s registration (botAppId).')
param ssoClientId string = ''

@description('The Entra tenant of the bot and of the people using it.')
param tenantId string = subscription().tenantId

@description('App Service plan SKU (B1 or above: Always On).')
param appServiceSku string = 'B1'

@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('The organisation\'s IANA time zone, for schedules.')
param orgTimeZone string = 'Europe/London'

@description('Smallest group whose results are shown (never below 3).')
@minValue(3)
param minimumGroupSize int = 5

@description('AAD object ids of the operators who may import the first org chart (while it is empty). Your own: az ad signed-in-user show --query id -o tsv')
param orgBootstrapImporters string[] = []

@description('Read the org chart from Entra ID through Microsoft Graph and install the app for people who never opened it (README, "Org chart from Entra ID"). The app registration (or the bot\'s managed identity) needs the Graph application permissions User.Read.All, GroupMember.Read.All and TeamsAppInstallation.ReadWriteSelfForUser.All, with admin consent.')
param graphEnabled bool = false

@description('Entra group object ids whose members (transitively) are executives in the org chart.')
param graphExecutiveGroupIds string[] = []

@description('Entra group object ids whose members (transitively) are HR in the org chart.')
param graphHrGroupIds string[] = []

@description('The app\'s id in the tenant app catalog (az rest -u "https://graph.microsoft.com/v1.0/appCatalogs/teamsApps?$filter=externalId eq \'<manifest id>\'"); empty turns proactive install off.')
param graphCatalogAppId string = ''

@description('Where the org unit comes from: Department, or Attribute (then graphOrgUnitAttribute names the user property).')
@allowed([
  'Department'
  'Attribute'
])
param graphOrgUnitSource string = 'Department'

@description('With graphOrgUnitSource Attribute: the user property, e.g. onPremisesExtensionAttributes.extensionAttribute1.')
param graphOrgUnitAttribute string = ''

@description('Optional: the anonymity HMAC key (base64, 32+ bytes). Empty: set it in the vault after deployment (README).')
@secure()
param hmacKey string = ''

@description('Optional: the bot app registration\'s client secret. Empty: set it in the vault after deployment (README).')
@secure()
param botAppPassword string = ''

param tags object = {
  app: 'dialoguebot'
}

var suffix = take(uniqueString(subscription().id, resourceGroup().id, appName), 8)
var usesManagedIdentityBot = botAppType == 'UserAssignedMSI'

resource botIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = if (usesManagedIdentityBot) {
  name: '${appName}-bot-${suffix}'
  location: location
  tags: tags
}

var effectiveBotAppId = usesManagedIdentityBot ? botIdentity!.properties.clientId : botAppId
var effectiveSsoClientId = empty(ssoClientId) ? effectiveBotAppId : ssoClientId

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    name: '${appName}-${suffix}'
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: 'st${appName}${suffix}'
    location: location
    tags: tags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyVault'
  params: {
    name: 'kv-${take(appName, 10)}-${suffix}'
    location: location
    tags: tags
    tenantId: tenantId
    hmacKey: hmacKey
    botAppPassword: botAppPassword
  }
}

module web 'modules/web.bicep' = {
  name: 'web'
  params: {
    name: '${appName}-${suffix}'
    location: location
    tags: tags
    skuName: appServiceSku
    botAppId: effectiveBotAppId
    botAppType: botAppType
    tenantId: tenantId
    botIdentityId: usesManagedIdentityBot ? botIdentity.id : ''
    ssoClientId: effectiveSsoClientId
    tableEndpoint: storage.outputs.tableEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    keyVaultUri: keyVault.outputs.uri
    hmacKeySecretName: keyVault.outputs.hmacKeySecretName
    botClientSecretName: keyVault.outputs.botClientSecretName
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    logAnalyticsWorkspaceId: monitoring.outputs.workspaceId
    orgTimeZone: orgTimeZone
    minimumGroupSize: minimumGroupSize
    orgBootstrapImporters: orgBootstrapImporters
    graphEnabled: graphEnabled
    graphExecutiveGroupIds: graphExecutiveGroupIds
    graphHrGroupIds: graphHrGroupIds
    graphCatalogAppId: graphCatalogAppId
    graphOrgUnitSource: graphOrgUnitSource
    graphOrgUnitAttribute: graphOrgUnitAttribute
  }
}

module roles 'modules/role-assignments.bicep' = {
  name: 'roles'
  params: {
    principalId: web.outputs.principalId
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
  }
}

module bot 'modules/bot.bicep' = {
  name: 'bot'
  params: {
    name: '${appName}-bot-${suffix}'
    tags: tags
    sku: botSku
    botAppId: effectiveBotAppId
    botAppType: botAppType
    tenantId: tenantId
    botIdentityId: usesManagedIdentityBot ? botIdentity.id : ''
    hostName: web.outputs.hostName
  }
}

// For manifest/env/.env.<env> (make package):
output BOT_ID string = effectiveBotAppId
output BOT_DOMAIN string = web.outputs.hostName
output AAD_APP_CLIENT_ID string = effectiveSsoClientId
// For the deployment steps in the README:
output WEB_APP_NAME string = web.outputs.name
output KEY_VAULT_NAME string = keyVault.outputs.name
output STORAGE_ACCOUNT_NAME string = storage.outputs.name
output MESSAGING_ENDPOINT string = bot.outputs.messagingEndpoint
output SSO_APPLICATION_ID_URI string = 'api://${web.outputs.hostName}/${effectiveSsoClientId}'

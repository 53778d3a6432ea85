// The App Service plan and the Linux web app running the bot (.NET 10), with a system-assigned managed
// identity. Its settings name storage by endpoint (the identity gets data roles; there are no keys) and
// read secrets through Key Vault references. Setting names follow the app's configuration keys
// (Section__Key, see README "Configuration").

param name string

param location string

param tags object = {}

@description('App Service plan SKU. B1 or above: the bot needs Always On for its background worker.')
param skuName string = 'B1'

@description('Instances of the plan: the work queue and scheduler are safe with more than one.')
@minValue(1)
param instanceCount int = 1

@description('The bot\'s Microsoft App ID: the Entra app registration\'s client id, or the user-assigned identity\'s.')
param botAppId string

@allowed([
  'SingleTenant'
  'MultiTenant'
  'UserAssignedMSI'
])
param botAppType string

param tenantId string

@description('Resource id of the bot\'s user-assigned identity (UserAssignedMSI only, else empty).')
param botIdentityId string = ''

@description('Client id of the app registration Teams tabs request SSO tokens for (webApplicationInfo.id).')
param ssoClientId string

param tableEndpoint string
param queueEndpoint string

param keyVaultUri string
param hmacKeySecretName string
param botClientSecretName string

param appInsightsConnectionString string
param logAnalyticsWorkspaceId string

@description('The organisation\'s IANA time zone, for schedules.')
param orgTimeZone string = 'Europe/London'

@description('Smallest group whose results are shown (never below 3).')
@minValue(3)
param minimumGroupSize int = 5

@description('AAD object ids that may import the first org chart while it is empty (nobody is HR yet).')
param orgBootstrapImporters string[] = []

@description('Microsoft Graph: the org chart from Entra ID and proactive install.')
param graphEnabled bool = false

@description('Entra groups whose members are executives.')
param graphExecutiveGroupIds string[] = []

@description('Entra groups whose members are HR.')
param graphHrGroupIds string[] = []

@description('The app catalog id of the Teams app; empty turns proactive install off.')
param graphCatalogAppId string = ''

@description('Department or Attribute.')
param graphOrgUnitSource string = 'Department'

@description('The user property holding the org unit, with graphOrgUnitSource Attribute.')
param graphOrgUnitAttribute string = ''

var usesManagedIdentityBot = botAppType == 'UserAssignedMSI'

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${name}-plan'
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: skuName
    capacity: instanceCount
  }
  properties: {
    reserved: true // Linux
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'app,linux'
  identity: usesManagedIdentityBot
    ? {
        type: 'SystemAssigned, UserAssigned'
        userAssignedIdentities: {
          '${botIdentityId}': {}
        }
      }
    : {
        type: 'SystemAssigned'
      }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: 'SystemAssigned'
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      healthCheckPath: '/healthz'
      // App Service's own HTTP log keeps each caller's IP, time and full URL: with sign-in logs that points
      // at who posted a question when. Off, with its failed-request tracing and detailed error pages.
      httpLoggingEnabled: false
      requestTracingEnabled: false
      detailedErrorLoggingEnabled: false
    }
  }
}

// Deployments go through Entra ID (az webapp deploy), never through basic publishing credentials.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

var host = site.properties.defaultHostName

var secretReference = '@Microsoft.KeyVault(VaultName=${split(replace(keyVaultUri, 'https://', ''), '.')[0]};SecretName='

var botPasswordSetting = usesManagedIdentityBot
  ? {}
  : {
      Bot__AppPassword: '${secretReference}${botClientSecretName})'
    }

@description('Client apps (token azp/appid) that may call the API for a person: Teams desktop/mobile, Teams web, and the Azure CLI, which README step 7 uses to import the first org chart. The SSO app itself is always added.')
param apiClientApps array = [
  '1fec8e78-bce4-4aaf-ab1b-5451cc387264'
  '5e3ce6c0-2b1f-4285-8d4b-75ee78787346'
  '04b07795-8ddb-461a-bbee-02f9e1bf7b46'
]

var allowedClientApps = union(apiClientApps, [ssoClientId])

// Written out in full so the deployed allow-list is visible in the portal; it replaces the app's default.
var clientAppSettings = toObject(
  range(0, length(allowedClientApps)),
  i => 'Api__AllowedClientApps__${i}',
  i => allowedClientApps[i]
)

var bootstrapSettings = toObject(
  range(0, length(orgBootstrapImporters)),
  i => 'Org__BootstrapImporters__${i}',
  i => orgBootstrapImporters[i]
)

// Graph calls are made as the bot's own identity: its app registration and secret, or its managed identity.
var graphCredentialSettings = usesManagedIdentityBot
  ? {
      Graph__Credential: 'ManagedIdentity'
      Graph__ClientId: botAppId
    }
  : {
      Graph__Credential: 'ClientSecret'
      Graph__ClientId: botAppId
      Graph__ClientSecret: '${secretReference}${botClientSecretName})'
    }

var graphGroupSettings = union(
  toObject(range(0, length(graphExecutiveGroupIds)), i => 'Graph__ExecutiveGroupIds__${i}', i => graphExecutiveGroupIds[i]),
  toObject(range(0, length(graphHrGroupIds)), i => 'Graph__HrGroupIds__${i}', i => graphHrGroupIds[i])
)

var graphSettings = graphEnabled
  ? union(
      {
        Graph__Enabled: 'true'
        Graph__TenantId: tenantId
        Graph__CatalogAppId: graphCatalogAppId
        Graph__OrgUnitSource: graphOrgUnitSource
        Graph__OrgUnitAttribute: graphOrgUnitAttribute
      },
      graphCredentialSettings,
      graphGroupSettings
    )
  : {}

resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: union(
    {
      ASPNETCORE_ENVIRONMENT: 'Production'
      Bot__AppId: botAppId
      Bot__AppType: botAppType
      Bot__TenantId: tenantId
      Bot__DevMode: 'false'
      Storage__TableServiceUri: tableEndpoint
      Storage__QueueServiceUri: queueEndpoint
      Anonymity__HmacKey: '${secretReference}${hmacKeySecretName})'
      Anonymity__MinimumGroupSize: string(minimumGroupSize)
      Api__TenantId: tenantId
      Api__Audiences__0: ssoClientId
      Api__Audiences__1: 'api://${host}/${ssoClientId}'
      Org__TimeZone: orgTimeZone
      Demo__Enabled: 'false'
      APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
      // The codeless agent records every request and storage call with its full URL (row keys included),
      // past the app's redaction (docs/logging.md); the app's own OpenTelemetry pipeline is the only one.
      ApplicationInsightsAgent_EXTENSION_VERSION: 'disabled'
    },
    botPasswordSetting,
    bootstrapSettings,
    clientAppSettings,
    graphSettings
  )
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: site
  name: 'to-log-analytics'
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      {
        // Caller IP, time and URL of every request (docs/logging.md): never shipped.
        category: 'AppServiceHTTPLogs'
        enabled: false
      }
      {
        category: 'AppServiceConsoleLogs'
        enabled: true
      }
      {
        category: 'AppServiceAppLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

output name string = site.name
output hostName string = host
output principalId string = site.identity.principalId

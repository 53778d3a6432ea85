// Example parameters: copy to infra/main.<env>.bicepparam, fill in, and deploy with
//   az deployment group create -g <group> -f infra/main.bicep -p infra/main.<env>.bicepparam
// Secrets do not belong here: set them in Key Vault after deployment (README, "Deploy to Azure").
using 'main.bicep'

param appName = 'dialoguebot'

// SingleTenant (an app registration in your tenant, the default), MultiTenant (existing registrations
// only) or UserAssignedMSI (a managed identity, no secret).
param botAppType = 'SingleTenant'

// The Application (client) ID of the bot's app registration (az ad app create ... --query appId).
param botAppId = '00000000-0000-0000-0000-000000000000'

// Leave empty to use the bot's registration for tab SSO too (its Application ID URI must then be
// api://<BOT_DOMAIN>/<botAppId>).
param ssoClientId = ''

param appServiceSku = 'B1'
param botSku = 'F0'
param orgTimeZone = 'Europe/London'
param minimumGroupSize = 5

// Who may import the first org chart (nobody is HR before one exists): your AAD object id,
// az ad signed-in-user show --query id -o tsv
param orgBootstrapImporters = [
  '00000000-0000-0000-0000-000000000000'
]

// The org chart from Entra ID and proactive install (README, "Org chart from Entra ID"): grant the bot's
// registration User.Read.All, GroupMember.Read.All and TeamsAppInstallation.ReadWriteSelfForUser.All first.
param graphEnabled = false
param graphExecutiveGroupIds = []
param graphHrGroupIds = []
param graphCatalogAppId = ''
param graphOrgUnitSource = 'Department'
param graphOrgUnitAttribute = ''

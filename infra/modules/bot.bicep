// The Azure Bot resource: the bot's identity, its messaging endpoint on the web app, and the Teams channel.

@description('Azure Bot resource name (also its handle), globally unique.')
param name string

param tags object = {}

param displayName string = 'DialogueBot'

@allowed([
  'F0'
  'S1'
])
@description('F0 is free and is enough for Teams (a standard channel); S1 for premium channels.')
param sku string = 'F0'

param botAppId string

@allowed([
  'SingleTenant'
  'MultiTenant'
  'UserAssignedMSI'
])
param botAppType string

param tenantId string

@description('Resource id of the user-assigned identity (UserAssignedMSI only, else empty).')
param botIdentityId string = ''

@description('The web app\'s host name; the endpoint is https://{host}/api/messages.')
param hostName string

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: sku
  }
  properties: {
    displayName: displayName
    endpoint: 'https://${hostName}/api/messages'
    msaAppId: botAppId
    msaAppType: botAppType
    msaAppTenantId: botAppType == 'MultiTenant' ? null : tenantId
    msaAppMSIResourceId: botAppType == 'UserAssignedMSI' ? botIdentityId : null
    disableLocalAuth: false
    publicNetworkAccess: 'Enabled'
    description: 'Two-way strategic dialogue between executives and managers: pulses, reverse town hall, skip-levels.'
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      acceptedTerms: true
    }
  }
}

output name string = bot.name
output messagingEndpoint string = bot.properties.endpoint

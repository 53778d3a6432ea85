// Key Vault (Azure RBAC, no access policies) for the bot's secrets: the anonymity HMAC key and the bot's
// client secret. The web app reads them through Key Vault references with its managed identity.
// Secrets are best set with `az keyvault secret set` after deployment (see README); the optional
// parameters below exist for automation that already holds them.

@description('Key Vault name: 3-24 letters, digits and hyphens, globally unique.')
@minLength(3)
@maxLength(24)
param name string

param location string

param tags object = {}

param tenantId string = subscription().tenantId

@description('Optional: the anonymity HMAC key (base64, 32 bytes or more). Empty: set it later in the vault.')
@secure()
param hmacKey string = ''

@description('Optional: the bot app registration\'s client secret. Empty: set it later in the vault.')
@secure()
param botAppPassword string = ''

@description('Names of the secrets; the web app\'s Key Vault references use the same names.')
param hmacKeySecretName string = 'anonymity-hmac-key'
param botClientSecretName string = 'bot-client-secret'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource hmacSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(hmacKey)) {
  parent: vault
  name: hmacKeySecretName
  properties: {
    value: hmacKey
    contentType: 'base64'
  }
}

resource botPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(botAppPassword)) {
  parent: vault
  name: botClientSecretName
  properties: {
    value: botAppPassword
  }
}

output id string = vault.id
output name string = vault.name
output uri string = vault.properties.vaultUri
output hmacKeySecretName string = hmacKeySecretName
output botClientSecretName string = botClientSecretName

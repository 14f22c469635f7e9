// Key Vault in RBAC mode. It holds the Telegram bot token and the webhook secret; the app reads it through a Key Vault
// reference resolved with its user-assigned identity, so the token never sits in app settings.
param name string
param location string
param tags object = {}

@description('Secret name of the Telegram bot token.')
param botTokenSecretName string

@secure()
@description('Telegram bot token. Empty: the secret is not written (set it later with az keyvault secret set).')
param botToken string = ''

@description('Secret name of the Telegram webhook secret (the X-Telegram-Bot-Api-Secret-Token the webhook function checks).')
param botWebhookSecretName string

@secure()
@description('Webhook secret (16-256 of A-Z, a-z, 0-9, _ and -). Empty: the secret is not written; the azd post-deploy hook creates one when the vault has none.')
param botWebhookSecret string = ''

@description('Purge protection cannot be turned off once on; leave it on outside throwaway environments.')
param enablePurgeProtection bool = true

@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int = 90

@description('Reachable only through its private endpoint (vnetEnabled): public network access off.')
param privateOnly bool = false

@description('Log Analytics workspace that receives the vault\'s AuditEvent log.')
param logAnalyticsWorkspaceId string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    // The API accepts only true or absent for purge protection.
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: privateOnly ? 'Disabled' : 'Enabled'
    networkAcls: {
      bypass: privateOnly ? 'None' : 'AzureServices'
      defaultAction: privateOnly ? 'Deny' : 'Allow'
    }
  }
}

resource botTokenSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(botToken)) {
  parent: vault
  name: botTokenSecretName
  properties: {
    value: botToken
    contentType: 'text/plain'
  }
}

// The secret Telegram sends back with every webhook call; the webhook function refuses calls without it.
resource botWebhookSecretResource 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(botWebhookSecret)) {
  parent: vault
  name: botWebhookSecretName
  properties: {
    value: botWebhookSecret
    contentType: 'text/plain'
  }
}

// Who read or changed the bot token, and from where: every data-plane request (AuditEvent).
resource auditLog 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'audit-to-log-analytics'
  scope: vault
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logAnalyticsDestinationType: 'Dedicated'
    logs: [
      {
        category: 'AuditEvent'
        enabled: true
      }
    ]
  }
}

output id string = vault.id
output name string = vault.name
output uri string = vault.properties.vaultUri
// Versionless URI: a new secret version is picked up without redeploying.
output botTokenSecretUri string = '${vault.properties.vaultUri}secrets/${botTokenSecretName}'
output botWebhookSecretUri string = '${vault.properties.vaultUri}secrets/${botWebhookSecretName}'

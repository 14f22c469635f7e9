// Flex Consumption (FC1) Linux function app running the .NET 10 isolated worker as the
// user-assigned identity. On FC1 the runtime is declared in functionAppConfig: linuxFxVersion and
// FUNCTIONS_WORKER_RUNTIME are rejected by the platform, so neither appears here.
param planName string
param functionAppName string
param location string
param tags object = {}

@description('Tag value azd uses to find the app of the service in azure.yaml.')
param serviceName string

param identityId string
param identityClientId string

param storageBlobEndpoint string
param storageQueueEndpoint string
param storageTableEndpoint string
param deploymentContainerUrl string

param applicationInsightsConnectionString string

@description('Versionless Key Vault secret URI of the Telegram bot token (a URI, not the token).')
param botTokenSecretUri string

@description('Versionless URI of the Key Vault secret holding the bot webhook secret.')
param botWebhookSecretUri string

@description('Upper bound of instances; the pipeline is light and Telegram rate-limits anyway.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

param decreePollSchedule string
param newsPollSchedule string
param depositaryPollSchedule string
param healthReportSchedule string
param followUpSchedule string
param telegramApiBaseUrl string
param operatorChatId string
param fetchContactUrl string

@description('Further settings (Channels__N__*, Sources__N__*) already flattened by main.bicep.')
param extraAppSettings object = {}

@description('Subnet (delegated to Microsoft.App/environments) the app sends its outbound traffic through; empty for none.')
param virtualNetworkSubnetId string = ''

@description('Log Analytics workspace that receives the platform\'s FunctionAppLogs.')
param logAnalyticsWorkspaceId string

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: functionAppName
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    // Flex Consumption sends all outbound traffic (storage, Key Vault references, sources) through
    // the integrated subnet; the private endpoints' DNS zones resolve the app's storage and vault.
    virtualNetworkSubnetId: empty(virtualNetworkSubnetId) ? null : virtualNetworkSubnetId
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// azd and the Azure CLI deploy Flex Consumption apps with Entra tokens; publishing passwords are not needed.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}

// The route of the webhook function (TelegramWebhook.Route) under host.json's default "api" prefix.
var webhookRoute = 'telegram/webhook'

var baseSettings = {
  // Host storage through the identity (no connection string, no account key).
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: storageBlobEndpoint
  AzureWebJobsStorage__queueServiceUri: storageQueueEndpoint
  AzureWebJobsStorage__tableServiceUri: storageTableEndpoint
  // Telemetry authenticated with the identity: the component accepts no instrumentation-key-only data.
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  DecreePollSchedule: decreePollSchedule
  NewsPollSchedule: newsPollSchedule
  DepositaryPollSchedule: depositaryPollSchedule
  HealthReportSchedule: healthReportSchedule
  FollowUpSchedule: followUpSchedule
  // Resolved by the platform through keyVaultReferenceIdentity; when resolution fails the app sees
  // this literal text, and must refuse to start.
  Telegram__BotToken: '@Microsoft.KeyVault(SecretUri=${botTokenSecretUri})'
  Telegram__ApiBaseUrl: telegramApiBaseUrl
  // What the webhook function (TelegramWebhook, anonymous) requires in X-Telegram-Bot-Api-Secret-Token.
  Bot__WebhookSecret: '@Microsoft.KeyVault(SecretUri=${botWebhookSecretUri})'
  Telegram__OperatorChatId: operatorChatId
  Fetch__ContactUrl: fetchContactUrl
}

resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: functionApp
  name: 'appsettings'
  // The fixed settings win over anything in the channel/source overrides.
  properties: union(extraAppSettings, baseSettings)
}

// Host and worker logs of the platform (start-up failures included) in the workspace, where the
// exceptions alert reads them.
resource functionAppLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'logs-to-log-analytics'
  scope: functionApp
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logAnalyticsDestinationType: 'Dedicated'
    logs: [
      {
        category: 'FunctionAppLogs'
        enabled: true
      }
    ]
  }
}

output name string = functionApp.name
output id string = functionApp.id
output defaultHostName string = functionApp.properties.defaultHostName
// Where the post-deploy hook registers the webhook.
output botWebhookUrl string = 'https://${functionApp.properties.defaultHostName}/api/${webhookRoute}'

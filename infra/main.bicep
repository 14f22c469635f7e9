// Treaty Alerts on Azure: a Flex Consumption function app running as one user-assigned identity,
// with identity-only storage (queues, tables, host), the bot token in Key Vault, telemetry in
// Application Insights and alert rules for the operator. Deploy with `azd up` or
// `az deployment group create` (docs/OPERATIONS.md).
targetScope = 'resourceGroup'

@minLength(1)
@maxLength(64)
@description('azd environment name; part of the resource name suffix and the azd-env-name tag.')
param environmentName string

@minLength(1)
@description('Azure region of every resource.')
param location string = resourceGroup().location

@description('Object id of the deploying user or group (azd sets AZURE_PRINCIPAL_ID): may set the bot token, replay poison messages, read state and re-enable channels. Empty for none.')
param principalId string = ''

@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param principalType string = 'User'

@secure()
@description('Telegram bot token. Optional: when empty the Key Vault secret is left as it is; set it with az keyvault secret set.')
param botToken string = ''

@secure()
@description('Secret Telegram sends with every webhook call (16-256 of A-Z, a-z, 0-9, _ and -). Optional: when empty the Key Vault secret is left as it is, and the azd post-deploy hook creates one if the vault has none.')
param botWebhookSecret string = ''

@description('Telegram chat id of the operator (health reports, stale sources, disabled channels). Empty for none.')
param operatorChatId string = ''

@description('Channels: ChannelDefinition objects, e.g. [{"id":"main","chatId":"-1001234567890","language":"en","states":["RU"]}]. Each property becomes the app setting Channels__N__<Property>; list properties (states, treaties, actions) become Channels__N__<Property>__M.')
param channels array = []

@description('Sources: SourceDefinition objects, e.g. [{"id":"my-feed","url":"https://example.org/rss","group":"news"}]. Each property becomes Sources__N__<Property>; options become Sources__N__Options__<Key>.')
param sources array = []

@description('Telegram Bot API base URL (a self-hosted Bot API server may replace it).')
param telegramApiBaseUrl string = 'https://api.telegram.org'

@description('Contact URL sent in the User-Agent of every fetch, so source owners can reach the operator.')
param fetchContactUrl string = ''

@description('NCRONTAB schedule of the decrees source group.')
param decreePollSchedule string = '0 */5 * * * *'

@description('NCRONTAB schedule of the news source group.')
param newsPollSchedule string = '0 */10 * * * *'

@description('NCRONTAB schedule of the depositaries source group.')
param depositaryPollSchedule string = '0 0 */1 * * *'

@description('NCRONTAB schedule of the daily health report to the operator chat.')
param healthReportSchedule string = '0 0 7 * * *'

@description('NCRONTAB schedule of the follow-up check (a withdrawal\'s effective date has come).')
param followUpSchedule string = '0 30 * * * *'

@description('E-mail address that receives every alert (heartbeat, exceptions, poison messages...). Required: azd prompts for it (ALERTS_ALERT_EMAIL); an alert rule without an action group notifies nobody.')
param alertEmail string

@description('Failed function invocations in 15 minutes that raise an alert.')
@minValue(1)
param functionFailureThreshold int = 3

@description('Error-level exceptions (host or worker) in 15 minutes that raise an alert.')
@minValue(1)
param exceptionThreshold int = 1

@description('Daily ingestion cap of the Log Analytics workspace in GB (telemetry and diagnostics).')
@minValue(1)
param logAnalyticsDailyCapGb int = 1

@description('Private deployment: VNet integration for the app, private endpoints (storage blob, queue, table; Key Vault) with private DNS zones, and public network access off on storage and Key Vault.')
param vnetEnabled bool = false

@description('Public network access of the storage account when vnetEnabled is false (the app then has no virtual network, so Enabled). vnetEnabled turns it off.')
@allowed([
  'Enabled'
  'Disabled'
])
param storagePublicNetworkAccess string = 'Enabled'

@description('Key Vault purge protection (cannot be turned off once on).')
param keyVaultPurgeProtection bool = true

@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var serviceName = 'alerts'

var functionAppName = '${abbrs.webSitesFunctions}${serviceName}-${resourceToken}'
var deploymentContainerName = 'app-package-${take(resourceToken, 7)}'
var botTokenSecretName = 'telegram-bot-token'
var botWebhookSecretName = 'telegram-webhook-secret'
// Names known before deployment, so What-If can predict the role assignments scoped to them.
var storageAccountName = '${abbrs.storageStorageAccounts}${resourceToken}'
var applicationInsightsName = '${abbrs.insightsComponents}${resourceToken}'
var keyVaultName = '${abbrs.keyVaultVaults}${resourceToken}'

// An alert rule with no one to notify is silent: refuse the deployment rather than deploy it.
var operatorEmail = contains(alertEmail, '@') && !contains(alertEmail, ' ')
  ? alertEmail
  : fail('alertEmail (azd: ALERTS_ALERT_EMAIL) must be the e-mail address that receives alerts, e.g. ops@example.org; an alert rule without an action group notifies nobody.')

// Fixed in code too (Alerts.Core QueueNames, StateTables); the infra tests keep them in step.
var queueNames = [
  'poll-requests'
  'treaty-changes'
  'telegram-deliveries'
  'operator-notices'
  'review-decisions'
  'bot-updates'
]
var tableNames = [
  'sources'
  'items'
  'events'
  'ledger'
  'channels'
  'subscriptions'
]

import { listProperties, mapProperties, sectionSettings } from 'modules/settings.bicep'

var overrideSettings = union(
  sectionSettings('Channels', channels, listProperties, mapProperties),
  sectionSettings('Sources', sources, listProperties, mapProperties)
)

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}${serviceName}-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: applicationInsightsName
    location: location
    tags: tags
    dailyCapGb: logAnalyticsDailyCapGb
  }
}

module network 'modules/network.bicep' = if (vnetEnabled) {
  name: 'network'
  params: {
    name: '${abbrs.networkVirtualNetworks}${resourceToken}'
    natGatewayName: '${abbrs.networkNatGateways}${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: storageAccountName
    location: location
    tags: tags
    publicNetworkAccess: storagePublicNetworkAccess
    privateOnly: vnetEnabled
    deploymentContainerName: deploymentContainerName
    queueNames: queueNames
    tableNames: tableNames
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: keyVaultName
    location: location
    tags: tags
    botTokenSecretName: botTokenSecretName
    botToken: botToken
    botWebhookSecretName: botWebhookSecretName
    botWebhookSecret: botWebhookSecret
    enablePurgeProtection: keyVaultPurgeProtection
    privateOnly: vnetEnabled
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsWorkspaceId
  }
}

module privateEndpoints 'modules/privateendpoints.bicep' = if (vnetEnabled) {
  name: 'privateendpoints'
  params: {
    namePrefix: '${abbrs.networkPrivateEndpoints}${resourceToken}'
    location: location
    tags: tags
    vnetId: network!.outputs.id
    subnetId: network!.outputs.privateEndpointSubnetId
    storageAccountId: storage.outputs.id
    keyVaultId: keyVault.outputs.id
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  // The scopes are passed by name (known before deployment), so the dependency is explicit.
  dependsOn: [
    storage
    monitoring
    keyVault
  ]
  params: {
    storageAccountName: storageAccountName
    applicationInsightsName: applicationInsightsName
    keyVaultName: keyVaultName
    // A new identity's principal id exists only once it is created; What-If cannot know it beforehand.
    #disable-next-line what-if-short-circuiting
    appPrincipalId: identity.outputs.principalId
    operatorPrincipalId: principalId
    operatorPrincipalType: principalType
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  // The first start resolves the Key Vault reference and opens host storage: roles must exist by
  // then, and with vnetEnabled the private endpoints and their DNS records too.
  dependsOn: [
    roles
    privateEndpoints
  ]
  params: {
    planName: '${abbrs.webServerFarms}${resourceToken}'
    functionAppName: functionAppName
    location: location
    tags: tags
    serviceName: serviceName
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageBlobEndpoint: storage.outputs.blobEndpoint
    storageQueueEndpoint: storage.outputs.queueEndpoint
    storageTableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    botTokenSecretUri: keyVault.outputs.botTokenSecretUri
    botWebhookSecretUri: keyVault.outputs.botWebhookSecretUri
    maximumInstanceCount: maximumInstanceCount
    decreePollSchedule: decreePollSchedule
    newsPollSchedule: newsPollSchedule
    depositaryPollSchedule: depositaryPollSchedule
    healthReportSchedule: healthReportSchedule
    followUpSchedule: followUpSchedule
    telegramApiBaseUrl: telegramApiBaseUrl
    operatorChatId: operatorChatId
    fetchContactUrl: fetchContactUrl
    extraAppSettings: overrideSettings
    virtualNetworkSubnetId: vnetEnabled ? network!.outputs.appSubnetId : ''
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsWorkspaceId
  }
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  params: {
    namePrefix: '${abbrs.insightsScheduledQueryRules}${resourceToken}'
    location: location
    tags: tags
    applicationInsightsId: monitoring.outputs.applicationInsightsId
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsWorkspaceId
    alertEmail: operatorEmail
    functionFailureThreshold: functionFailureThreshold
    exceptionThreshold: exceptionThreshold
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = resourceGroup().name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_QUEUE_ENDPOINT string = storage.outputs.queueEndpoint
output AZURE_STORAGE_TABLE_ENDPOINT string = storage.outputs.tableEndpoint
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output AZURE_USER_ASSIGNED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
output TELEGRAM_BOT_TOKEN_SECRET_NAME string = botTokenSecretName
output TELEGRAM_WEBHOOK_SECRET_NAME string = botWebhookSecretName
output AZURE_BOT_WEBHOOK_URL string = functionApp.outputs.botWebhookUrl
output ALERT_RULE_NAMES array = alerts.outputs.ruleNames
output AZURE_LOG_ANALYTICS_WORKSPACE_ID string = monitoring.outputs.logAnalyticsWorkspaceId
output VNET_ENABLED bool = vnetEnabled
output AZURE_OUTBOUND_IP_ADDRESS string = vnetEnabled ? network!.outputs.outboundIpAddress : ''

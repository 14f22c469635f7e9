// Private endpoints of the optional private deployment (vnetEnabled): the storage account's blob,
// queue and table services and the Key Vault, each with its privatelink DNS zone linked to the
// virtual network, so the app resolves the public names to private addresses.
param namePrefix string
param location string
param tags object = {}

param vnetId string
param subnetId string
param storageAccountId string
param keyVaultId string

// Zone names from the cloud's own suffixes (no hard-coded public-cloud host names):
// privatelink.<service>.core.windows.net and privatelink.vaultcore.azure.net in the public cloud.
var keyVaultZone = 'privatelink${replace(environment().suffixes.keyvaultDns, '.vault.', '.vaultcore.')}'
var endpoints = [
  {
    key: 'blob'
    target: 'storage'
    zone: 'privatelink.blob.${environment().suffixes.storage}'
  }
  {
    key: 'queue'
    target: 'storage'
    zone: 'privatelink.queue.${environment().suffixes.storage}'
  }
  {
    key: 'table'
    target: 'storage'
    zone: 'privatelink.table.${environment().suffixes.storage}'
  }
  {
    key: 'vault'
    target: 'vault'
    zone: keyVaultZone
  }
]

resource zones 'Microsoft.Network/privateDnsZones@2020-06-01' = [
  for endpoint in endpoints: {
    name: endpoint.zone
    location: 'global'
    tags: tags
  }
]

resource zoneLinks 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = [
  for (endpoint, i) in endpoints: {
    parent: zones[i]
    name: '${endpoint.key}-link'
    location: 'global'
    tags: tags
    properties: {
      registrationEnabled: false
      virtualNetwork: {
        id: vnetId
      }
    }
  }
]

resource privateEndpoints 'Microsoft.Network/privateEndpoints@2024-05-01' = [
  for endpoint in endpoints: {
    name: '${namePrefix}-${endpoint.key}'
    location: location
    tags: tags
    properties: {
      subnet: {
        id: subnetId
      }
      privateLinkServiceConnections: [
        {
          name: endpoint.key
          properties: {
            privateLinkServiceId: endpoint.target == 'vault' ? keyVaultId : storageAccountId
            groupIds: [
              endpoint.key
            ]
          }
        }
      ]
    }
  }
]

resource zoneGroups 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = [
  for (endpoint, i) in endpoints: {
    parent: privateEndpoints[i]
    name: 'default'
    properties: {
      privateDnsZoneConfigs: [
        {
          name: endpoint.key
          properties: {
            privateDnsZoneId: zones[i].id
          }
        }
      ]
    }
  }
]

output privateEndpointNames array = [for (endpoint, i) in endpoints: privateEndpoints[i].name]
output privateDnsZoneNames array = [for (endpoint, i) in endpoints: zones[i].name]

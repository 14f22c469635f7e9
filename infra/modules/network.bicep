// Virtual network of the optional private deployment (vnetEnabled): one subnet the Flex Consumption
// app integrates with (delegated to Microsoft.App/environments, as Flex Consumption requires) and
// one for the private endpoints of storage and Key Vault. Nothing else is reachable from it.
param name string
param location string
param tags object = {}

@description('Address space of the virtual network.')
param addressPrefix string = '10.60.0.0/16'

@description('Subnet of the app\'s outbound traffic. Flex Consumption takes one address per instance: /24 leaves room for maximumInstanceCount up to 250.')
param appSubnetPrefix string = '10.60.1.0/24'

@description('Subnet of the private endpoints (four: blob, queue, table, vault).')
param privateEndpointSubnetPrefix string = '10.60.2.0/27'

var appSubnetName = 'app'
var privateEndpointSubnetName = 'private-endpoints'

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        addressPrefix
      ]
    }
    subnets: [
      {
        name: appSubnetName
        properties: {
          addressPrefix: appSubnetPrefix
          delegations: [
            {
              name: 'flex-consumption'
              properties: {
                serviceName: 'Microsoft.App/environments'
              }
            }
          ]
          privateEndpointNetworkPolicies: 'Disabled'
          privateLinkServiceNetworkPolicies: 'Enabled'
        }
      }
      {
        name: privateEndpointSubnetName
        properties: {
          addressPrefix: privateEndpointSubnetPrefix
          privateEndpointNetworkPolicies: 'Disabled'
          privateLinkServiceNetworkPolicies: 'Enabled'
        }
      }
    ]
  }

  resource appSubnet 'subnets' existing = {
    name: appSubnetName
  }

  resource privateEndpointSubnet 'subnets' existing = {
    name: privateEndpointSubnetName
  }
}

output id string = vnet.id
output name string = vnet.name
output appSubnetId string = vnet::appSubnet.id
output privateEndpointSubnetId string = vnet::privateEndpointSubnet.id

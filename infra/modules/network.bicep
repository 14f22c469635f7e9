// Virtual network of the optional private deployment (vnetEnabled): one subnet the Flex Consumption
// app integrates with (delegated to Microsoft.App/environments, as Flex Consumption requires) and
// one for the private endpoints of storage and Key Vault. With VNet integration all the app's
// outbound traffic leaves through the app subnet, and the sources and Telegram are on the internet:
// a NAT gateway gives that subnet explicit outbound access (new subnets have no default outbound
// access) and one fixed public address, which a source owner can allow-list.
param name string

@description('Name prefix of the NAT gateway and its public IP address.')
param natGatewayName string
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

resource natIp 'Microsoft.Network/publicIPAddresses@2024-05-01' = {
  name: '${natGatewayName}-ip'
  location: location
  tags: tags
  sku: {
    name: 'Standard'
  }
  properties: {
    publicIPAllocationMethod: 'Static'
    publicIPAddressVersion: 'IPv4'
  }
}

resource natGateway 'Microsoft.Network/natGateways@2024-05-01' = {
  name: natGatewayName
  location: location
  tags: tags
  sku: {
    name: 'Standard'
  }
  properties: {
    idleTimeoutInMinutes: 4
    publicIpAddresses: [
      {
        id: natIp.id
      }
    ]
  }
}

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
          natGateway: {
            id: natGateway.id
          }
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
output outboundIpAddress string = natIp.properties.ipAddress

using System.Text.Json.Nodes;
using Alerts.Infra.Tests.Tooling;

namespace Alerts.Infra.Tests;

/// <summary>The optional private deployment (vnetEnabled) and the audit trail to Log Analytics.</summary>
[Collection(InfraCollection.Name)]
public sealed class NetworkIsolationTests(CompiledInfra infra)
{
    private const string VnetCondition = "[parameters('vnetEnabled')]";

    private ModuleView Network => infra.Module("network");

    private ModuleView PrivateEndpoints => infra.Module("privateendpoints");

    [Fact]
    public void Vnet_is_an_azd_parameter_off_by_default()
    {
        var parameter = infra.Main["parameters"]!["vnetEnabled"]!;
        var mapped = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Infra, "main.parameters.json")))!["parameters"]!["vnetEnabled"]!["value"];

        Assert.Equal("bool", (string?)parameter["type"]);
        Assert.False((bool)parameter["defaultValue"]!);
        Assert.Equal("${ALERTS_VNET_ENABLED=false}", (string?)mapped);
    }

    [Fact]
    public void Network_and_private_endpoints_exist_only_with_vnet_enabled()
    {
        Assert.Equal(VnetCondition, (string?)Network.Deployment["condition"]);
        Assert.Equal(VnetCondition, (string?)PrivateEndpoints.Deployment["condition"]);

        // Nothing else in the deployment is a network resource: without vnetEnabled the template adds none.
        var networkTypes = infra.AllResources()
            .Where(r => ((string?)r.Resource["type"])!.StartsWith("Microsoft.Network/", StringComparison.Ordinal))
            .Select(r => r.Template)
            .Distinct()
            .ToList();
        Assert.Equal(2, networkTypes.Count);
        Assert.Contains(Network.Template, networkTypes);
        Assert.Contains(PrivateEndpoints.Template, networkTypes);
    }

    [Fact]
    public void App_subnet_is_delegated_for_flex_consumption_and_the_app_uses_it()
    {
        var subnets = Network.Resource("Microsoft.Network/virtualNetworks")["properties"]!["subnets"]!.AsArray();
        Assert.Equal(2, subnets.Count);
        var app = subnets.Single(s => (string?)s!["name"] == "[variables('appSubnetName')]")!;
        Assert.Equal("Microsoft.App/environments", (string?)Assert.Single(app["properties"]!["delegations"]!.AsArray())!["properties"]!["serviceName"]);

        // Sources and Telegram are on the internet: the app subnet leaves through a NAT gateway with one static address.
        Assert.Equal("[resourceId('Microsoft.Network/natGateways', parameters('natGatewayName'))]", (string?)app["properties"]!["natGateway"]!["id"]);
        var ip = Network.Resource("Microsoft.Network/publicIPAddresses");
        Assert.Equal("Static", (string?)ip["properties"]!["publicIPAllocationMethod"]);
        Assert.Equal("Standard", (string?)ip["sku"]!["name"]);
        Assert.Single(Network.Resource("Microsoft.Network/natGateways")["properties"]!["publicIpAddresses"]!.AsArray());
        Assert.Equal("[if(parameters('vnetEnabled'), reference('network').outputs.outboundIpAddress.value, '')]", (string?)infra.Main["outputs"]!["AZURE_OUTBOUND_IP_ADDRESS"]!["value"]);

        var functionApp = infra.Module("functionapp");
        var site = functionApp.Resource("Microsoft.Web/sites")["properties"]!;
        Assert.Equal("[if(empty(parameters('virtualNetworkSubnetId')), null(), parameters('virtualNetworkSubnetId'))]", (string?)site["virtualNetworkSubnetId"]);
        // A value read from a conditional module: Bicep writes the whole parameter as one expression.
        Assert.Equal("[if(parameters('vnetEnabled'), createObject('value', reference('network').outputs.appSubnetId.value), createObject('value', ''))]",
            (string?)functionApp.Deployment["properties"]!["parameters"]!["virtualNetworkSubnetId"]);
        Assert.Equal("", (string?)functionApp.Parameter("virtualNetworkSubnetId")["defaultValue"]);

        // The app starts only once its private endpoints and DNS records exist.
        Assert.Contains("privateEndpoints", functionApp.Deployment["dependsOn"]!.AsArray().Select(d => (string?)d));
    }

    [Fact]
    public void Storage_blob_queue_table_and_key_vault_get_private_endpoints_with_dns_zones()
    {
        var endpoints = PrivateEndpoints.Variable("endpoints").AsArray().Select(e => e!.AsObject()).ToList();

        Assert.Equal(["blob", "queue", "table", "vault"], endpoints.Select(e => (string)e["key"]!));
        Assert.Equal(["storage", "storage", "storage", "vault"], endpoints.Select(e => (string)e["target"]!));
        foreach (var service in new[] { "blob", "queue", "table" })
        {
            Assert.Equal($"[format('privatelink.{service}.{{0}}', environment().suffixes.storage)]", (string?)endpoints.Single(e => (string?)e["key"] == service)["zone"]);
        }
        Assert.Equal("[format('privatelink{0}', replace(environment().suffixes.keyvaultDns, '.vault.', '.vaultcore.'))]", (string?)PrivateEndpoints.Variable("keyVaultZone"));

        var endpoint = PrivateEndpoints.Resource("Microsoft.Network/privateEndpoints");
        var connection = endpoint["properties"]!["privateLinkServiceConnections"]![0]!["properties"]!;
        Assert.Equal("[length(variables('endpoints'))]", (string?)endpoint["copy"]!["count"]);
        Assert.Equal("[if(equals(variables('endpoints')[copyIndex()].target, 'vault'), parameters('keyVaultId'), parameters('storageAccountId'))]", (string?)connection["privateLinkServiceId"]);
        Assert.Equal(["[variables('endpoints')[copyIndex()].key]"], connection["groupIds"]!.AsArray().Select(g => (string?)g));
        Assert.Equal("[parameters('subnetId')]", (string?)endpoint["properties"]!["subnet"]!["id"]);

        // Each endpoint registers its address in its zone, and each zone is linked to the network.
        var zoneGroup = PrivateEndpoints.Resource("Microsoft.Network/privateEndpoints/privateDnsZoneGroups");
        Assert.Equal("[resourceId('Microsoft.Network/privateDnsZones', variables('endpoints')[copyIndex()].zone)]",
            (string?)zoneGroup["properties"]!["privateDnsZoneConfigs"]![0]!["properties"]!["privateDnsZoneId"]);
        var link = PrivateEndpoints.Resource("Microsoft.Network/privateDnsZones/virtualNetworkLinks");
        Assert.Equal("[parameters('vnetId')]", (string?)link["properties"]!["virtualNetwork"]!["id"]);
        Assert.False((bool)link["properties"]!["registrationEnabled"]!);
        Assert.Equal("[length(variables('endpoints'))]", (string?)PrivateEndpoints.Resource("Microsoft.Network/privateDnsZones")["copy"]!["count"]);

        Assert.Equal("[reference('network').outputs.privateEndpointSubnetId.value]", PrivateEndpoints.Passed("subnetId"));
        Assert.Equal("[reference('storage').outputs.id.value]", PrivateEndpoints.Passed("storageAccountId"));
        Assert.Equal("[reference('keyVault').outputs.id.value]", PrivateEndpoints.Passed("keyVaultId"));
    }

    [Theory]
    [InlineData("storage", "Microsoft.Storage/storageAccounts", "[if(parameters('privateOnly'), 'Disabled', parameters('publicNetworkAccess'))]")]
    [InlineData("keyvault", "Microsoft.KeyVault/vaults", "[if(parameters('privateOnly'), 'Disabled', 'Enabled')]")]
    public void Vnet_turns_public_network_access_off(string module, string type, string publicAccess)
    {
        var view = infra.Module(module);
        var properties = view.Resource(type)["properties"]!;

        Assert.Equal(publicAccess, (string?)properties["publicNetworkAccess"]);
        Assert.Equal("[if(parameters('privateOnly'), 'Deny', 'Allow')]", (string?)properties["networkAcls"]!["defaultAction"]);
        Assert.Equal("[if(parameters('privateOnly'), 'None', 'AzureServices')]", (string?)properties["networkAcls"]!["bypass"]);
        Assert.Equal(VnetCondition, view.Passed("privateOnly"));
        Assert.False((bool)view.Parameter("privateOnly")["defaultValue"]!);
    }

    [Fact]
    public void Workspace_has_a_daily_cap_of_one_gb_by_default()
    {
        var monitoring = infra.Module("monitoring");
        var workspace = monitoring.Resource("Microsoft.OperationalInsights/workspaces")["properties"]!;

        Assert.Equal("[parameters('dailyCapGb')]", (string?)workspace["workspaceCapping"]!["dailyQuotaGb"]);
        Assert.Equal("[parameters('logAnalyticsDailyCapGb')]", monitoring.Passed("dailyCapGb"));
        Assert.Equal(1, (int)infra.Main["parameters"]!["logAnalyticsDailyCapGb"]!["defaultValue"]!);
        Assert.Equal(1, (int)infra.Main["parameters"]!["logAnalyticsDailyCapGb"]!["minValue"]!);
    }

    [Theory]
    [InlineData("keyvault", "Microsoft.KeyVault/vaults", "AuditEvent")]
    [InlineData("functionapp", "Microsoft.Web/sites", "FunctionAppLogs")]
    public void Diagnostics_go_to_the_workspace(string module, string type, string category)
    {
        var view = infra.Module(module);
        var setting = view.Resource("Microsoft.Insights/diagnosticSettings");
        var target = view.Resource(type);

        Assert.Equal(ResourceIdOf(target), (string?)setting["scope"]);
        Assert.Equal("[parameters('logAnalyticsWorkspaceId')]", (string?)setting["properties"]!["workspaceId"]);
        var log = Assert.Single(setting["properties"]!["logs"]!.AsArray())!;
        Assert.Equal(category, (string?)log["category"]);
        Assert.True((bool)log["enabled"]!);
        Assert.Null(setting["condition"]);
        Assert.Equal("[reference('monitoring').outputs.logAnalyticsWorkspaceId.value]", view.Passed("logAnalyticsWorkspaceId"));
    }

    private static string ResourceIdOf(JsonObject resource)
    {
        // "[parameters('name')]" -> "[resourceId('<type>', parameters('name'))]", as Bicep writes a scope.
        var name = ((string)resource["name"]!)[1..^1];
        return $"[resourceId('{(string)resource["type"]!}', {name})]";
    }
}

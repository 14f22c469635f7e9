using Alerts.Core.Messages;
using Alerts.Core.Ports;
using Alerts.Infra.Tests.Tooling;

namespace Alerts.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class StorageTemplateTests(CompiledInfra infra)
{
    private ModuleView Storage => infra.Module("storage");

    [Fact]
    public void Account_refuses_shared_keys_anonymous_blobs_and_weak_transport()
    {
        var properties = Storage.Resource("Microsoft.Storage/storageAccounts")["properties"]!;

        Assert.False((bool)properties["allowSharedKeyAccess"]!);
        Assert.True((bool)properties["defaultToOAuthAuthentication"]!);
        Assert.False((bool)properties["allowBlobPublicAccess"]!);
        Assert.Equal("TLS1_2", (string?)properties["minimumTlsVersion"]);
        Assert.True((bool)properties["supportsHttpsTrafficOnly"]!);
        // Private-only (vnetEnabled) wins over the public-access parameter; NetworkIsolationTests covers that side.
        Assert.Equal("[if(parameters('privateOnly'), 'Disabled', parameters('publicNetworkAccess'))]", (string?)properties["publicNetworkAccess"]);
        Assert.Equal("[parameters('storagePublicNetworkAccess')]", Storage.Passed("publicNetworkAccess"));
        Assert.Equal("Enabled", (string?)infra.Main["parameters"]!["storagePublicNetworkAccess"]!["defaultValue"]);
    }

    [Fact]
    public void No_template_reads_an_account_key()
    {
        // With shared keys off a key would not work anyway; listing one would also put it in the deployment history.
        var text = infra.Main.ToJsonString();

        Assert.DoesNotContain("listKeys(", text);
        Assert.DoesNotContain("AccountKey=", text);
    }

    [Fact]
    public void Every_pipeline_queue_and_its_poison_queue_is_created()
    {
        var queueNames = infra.Main["variables"]!["queueNames"]!.AsArray().Select(n => (string)n!).ToList();
        Assert.Equal(QueueNames.All, queueNames);
        Assert.Equal("[variables('queueNames')]", Storage.Passed("queueNames"));

        var queues = Storage.Resources("Microsoft.Storage/storageAccounts/queueServices/queues");
        Assert.Equal(2, queues.Count);
        Assert.All(queues, q => Assert.Equal("[length(parameters('queueNames'))]", (string?)q["copy"]!["count"]));
        Assert.Contains(queues, q => (string?)q["name"] == "[format('{0}/{1}/{2}', parameters('name'), 'default', parameters('queueNames')[copyIndex()])]");
        Assert.Contains(queues, q => (string?)q["name"] ==
            $"[format('{{0}}/{{1}}/{{2}}', parameters('name'), 'default', format('{{0}}{QueueNames.PoisonSuffix}', parameters('queueNames')[copyIndex()]))]");
    }

    [Fact]
    public void State_tables_match_the_code()
    {
        var tableNames = infra.Main["variables"]!["tableNames"]!.AsArray().Select(n => (string)n!).ToList();
        Assert.Equal(StateTables.All, tableNames);
        Assert.Equal("[variables('tableNames')]", Storage.Passed("tableNames"));

        var tables = Storage.Resource("Microsoft.Storage/storageAccounts/tableServices/tables");
        Assert.Equal("[length(parameters('tableNames'))]", (string?)tables["copy"]!["count"]);
    }

    [Fact]
    public void Deployment_package_container_is_private_and_feeds_the_function_app()
    {
        var container = Storage.Resource("Microsoft.Storage/storageAccounts/blobServices/containers");
        Assert.Equal("None", (string?)container["properties"]!["publicAccess"]);
        Assert.EndsWith("parameters('deploymentContainerName'))]", (string?)container["name"]);

        var url = Storage.Output("deploymentContainerUrl")["value"]!.GetValue<string>();
        Assert.Contains("primaryEndpoints.blob", url);
        Assert.Contains("parameters('deploymentContainerName')", url);

        var functionApp = infra.Module("functionapp");
        Assert.Equal("[reference('storage').outputs.deploymentContainerUrl.value]", functionApp.Passed("deploymentContainerUrl"));
        var storage = functionApp.Resource("Microsoft.Web/sites")["properties"]!["functionAppConfig"]!["deployment"]!["storage"]!;
        Assert.Equal("blobContainer", (string?)storage["type"]);
        Assert.Equal("[parameters('deploymentContainerUrl')]", (string?)storage["value"]);
    }
}

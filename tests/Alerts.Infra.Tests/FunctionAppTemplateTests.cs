using Alerts.Infra.Tests.Tooling;

namespace Alerts.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class FunctionAppTemplateTests(CompiledInfra infra)
{
    private ModuleView App => infra.Module("functionapp");

    [Fact]
    public void Plan_is_linux_flex_consumption()
    {
        var plan = App.Resource("Microsoft.Web/serverfarms");

        Assert.Equal("FC1", (string?)plan["sku"]!["name"]);
        Assert.Equal("FlexConsumption", (string?)plan["sku"]!["tier"]);
        Assert.True((bool)plan["properties"]!["reserved"]!);
    }

    [Fact]
    public void Runtime_is_dotnet_isolated_10_declared_in_function_app_config()
    {
        var site = App.Resource("Microsoft.Web/sites");
        var config = site["properties"]!["functionAppConfig"]!;

        Assert.Equal("functionapp,linux", (string?)site["kind"]);
        Assert.Equal("dotnet-isolated", (string?)config["runtime"]!["name"]);
        Assert.Equal("10.0", (string?)config["runtime"]!["version"]);
    }

    [Fact]
    public void Nothing_sets_what_flex_consumption_rejects()
    {
        var text = infra.Main.ToJsonString();

        Assert.DoesNotContain("linuxFxVersion", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("WEBSITE_RUN_FROM_PACKAGE", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Scale_is_bounded_with_2048_MB_instances()
    {
        var scale = App.Resource("Microsoft.Web/sites")["properties"]!["functionAppConfig"]!["scaleAndConcurrency"]!;

        Assert.Equal("[parameters('maximumInstanceCount')]", (string?)scale["maximumInstanceCount"]);
        Assert.Equal("[parameters('instanceMemoryMB')]", (string?)scale["instanceMemoryMB"]);
        Assert.Equal(2048, (int)App.Effective("instanceMemoryMB")!);
        Assert.Equal("[parameters('maximumInstanceCount')]", App.Passed("maximumInstanceCount"));
    }

    [Fact]
    public void Site_accepts_only_https_with_tls_1_2_and_no_ftp_or_publishing_passwords()
    {
        var properties = App.Resource("Microsoft.Web/sites")["properties"]!;

        Assert.True((bool)properties["httpsOnly"]!);
        Assert.Equal("1.2", (string?)properties["siteConfig"]!["minTlsVersion"]);
        Assert.Equal("1.2", (string?)properties["siteConfig"]!["scmMinTlsVersion"]);
        Assert.Equal("Disabled", (string?)properties["siteConfig"]!["ftpsState"]);

        var policies = App.Resources("Microsoft.Web/sites/basicPublishingCredentialsPolicies");
        Assert.Equal(2, policies.Count);
        Assert.All(policies, p => Assert.False((bool)p["properties"]!["allow"]!));
    }

    [Fact]
    public void App_runs_as_the_user_assigned_identity_everywhere()
    {
        var site = App.Resource("Microsoft.Web/sites");
        var identity = site["identity"]!;
        var properties = site["properties"]!;

        Assert.Equal("UserAssigned", (string?)identity["type"]);
        var identities = identity["userAssignedIdentities"]!.AsObject();
        Assert.Equal(["[format('{0}', parameters('identityId'))]"], identities.Select(p => p.Key));
        Assert.Equal("[parameters('identityId')]", (string?)properties["keyVaultReferenceIdentity"]);

        var authentication = properties["functionAppConfig"]!["deployment"]!["storage"]!["authentication"]!;
        Assert.Equal("UserAssignedIdentity", (string?)authentication["type"]);
        Assert.Equal("[parameters('identityId')]", (string?)authentication["userAssignedIdentityResourceId"]);

        Assert.Equal("[reference('identity').outputs.id.value]", App.Passed("identityId"));
        Assert.Equal("[reference('identity').outputs.clientId.value]", App.Passed("identityClientId"));
    }

    [Fact]
    public void App_waits_for_its_role_assignments()
    {
        // The first start opens host storage and resolves the Key Vault reference with those roles.
        var dependsOn = App.Deployment["dependsOn"]!.AsArray().Select(d => (string)d!);

        Assert.Contains("roles", dependsOn);
    }

    [Fact]
    public void Azd_finds_the_app_by_its_service_tag()
    {
        var tags = (string?)App.Resource("Microsoft.Web/sites")["tags"];

        Assert.Equal("[union(parameters('tags'), createObject('azd-service-name', parameters('serviceName')))]", tags);
        Assert.Equal("[variables('serviceName')]", App.Passed("serviceName"));
        Assert.Equal("alerts", (string?)infra.Main["variables"]!["serviceName"]);
    }
}

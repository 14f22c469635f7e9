using Alerts.Infra.Tests.Tooling;

namespace Alerts.Infra.Tests;

/// <summary>
/// The public feeds (<c>GET /api/feeds/...</c>, the <c>ServeFeed</c> function) need nothing of their own in the
/// template, and these checks keep it so: the site answers HTTPS from anywhere (no access restrictions that would
/// hide the anonymous route) and sets no platform CORS, which would replace the <c>Access-Control-Allow-Origin: *</c>
/// the function sends itself; no function key or feeds setting is provisioned (the defaults of <c>Feeds:*</c> hold).
/// </summary>
[Collection(InfraCollection.Name)]
public sealed class FeedsEndpointTemplateTests(CompiledInfra infra)
{
    private ModuleView App => infra.Module("functionapp");

    [Fact]
    public void Site_is_reachable_over_https_without_access_restrictions_or_platform_cors()
    {
        var properties = App.Resource("Microsoft.Web/sites")["properties"]!;
        var siteConfig = properties["siteConfig"]!.AsObject();

        Assert.True((bool)properties["httpsOnly"]!);
        Assert.False(siteConfig.ContainsKey("cors"), "platform CORS would override the feeds' own Access-Control-Allow-Origin header");
        Assert.False(siteConfig.ContainsKey("ipSecurityRestrictions"), "the anonymous feeds route must be reachable by feed readers");
        Assert.NotEqual("Disabled", (string?)properties["publicNetworkAccess"]);
        Assert.Empty(App.Resources("Microsoft.Web/sites/host/functionKeys"));
    }
}

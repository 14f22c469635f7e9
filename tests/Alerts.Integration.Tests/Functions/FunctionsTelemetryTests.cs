using Alerts.Functions;
using Alerts.Hosting;
using Azure.Identity;

namespace Alerts.Integration.Tests.Functions;

/// <summary>The Application Insights credential comes from the host's authentication string; a wrong one stops the start naming the setting.</summary>
public sealed class FunctionsTelemetryTests
{
    [Theory]
    [InlineData("ClientId=2b6f0b8e-5b0a-4f3e-9d59-0c6d4f1e8a11;Authorization=AAD")]
    [InlineData("Authorization=AAD")]
    public void Entra_authentication_uses_the_managed_identity(string authentication)
        => Assert.IsType<ManagedIdentityCredential>(FunctionsTelemetry.CredentialFrom(authentication));

    [Fact]
    public void No_authentication_string_means_no_credential()
        => Assert.Null(FunctionsTelemetry.CredentialFrom(null));

    [Theory]
    [InlineData("Authorization=Key")]
    [InlineData("ClientId=abc")]
    [InlineData("ClientId")]
    public void Other_authentication_strings_fail_naming_the_setting(string authentication)
    {
        var error = Assert.Throws<ConfigurationProblemException>(() => FunctionsTelemetry.CredentialFrom(authentication));
        Assert.Contains(FunctionsTelemetry.AuthenticationStringKey, error.Message, StringComparison.Ordinal);
    }
}

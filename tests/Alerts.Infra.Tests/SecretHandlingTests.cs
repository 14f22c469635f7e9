using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Alerts.Infra.Tests.Tooling;

namespace Alerts.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed partial class SecretHandlingTests(CompiledInfra infra)
{
    private ModuleView Vault => infra.Module("keyvault");

    [Fact]
    public void Bot_token_parameter_is_secure_and_optional()
    {
        var parameter = infra.Main["parameters"]!["botToken"]!;

        Assert.Equal("securestring", (string?)parameter["type"]);
        Assert.Equal("", (string?)parameter["defaultValue"]);
        Assert.Equal("securestring", (string?)Vault.Parameter("botToken")["type"]);
    }

    [Fact]
    public void Bot_token_flows_only_into_the_key_vault_secret()
    {
        Assert.Equal(["$.resources.keyVault.properties.parameters.botToken.value"], Uses(infra.Main, "parameters('botToken')"));
        Assert.Equal("[parameters('botToken')]", Vault.Passed("botToken"));

        // Inside the vault module: the secret's value, and the condition that skips an empty token.
        var inVault = Uses(Vault.Template, "parameters('botToken')");
        Assert.Equal(2, inVault.Count);
        var secret = Assert.Single(Vault.Resources("Microsoft.KeyVault/vaults/secrets"), r => ((string?)r["name"])!.Contains("botTokenSecretName", StringComparison.Ordinal));
        Assert.Equal("[parameters('botToken')]", (string?)secret["properties"]!["value"]);
        Assert.Equal("[not(empty(parameters('botToken')))]", (string?)secret["condition"]);
    }

    [Fact]
    public void App_reads_the_token_through_a_key_vault_reference()
    {
        var app = infra.Module("functionapp");

        Assert.Equal(
            "[format('@Microsoft.KeyVault(SecretUri={0})', parameters('botTokenSecretUri'))]",
            (string?)app.Variable("baseSettings")["Telegram__BotToken"]);
        Assert.Equal("[reference('keyVault').outputs.botTokenSecretUri.value]", app.Passed("botTokenSecretUri"));

        // The URI is built from the vault's address and the secret's name, never from its value.
        var uri = Vault.Output("botTokenSecretUri")["value"]!.GetValue<string>();
        Assert.Contains(".vaultUri", uri);
        Assert.Contains("secrets/", uri);
        Assert.Contains("parameters('botTokenSecretName')", uri);
        Assert.DoesNotContain("botToken')", uri);
        Assert.Equal("telegram-bot-token", (string?)infra.Main["variables"]!["botTokenSecretName"]);
    }

    [Fact]
    public void No_output_exposes_a_secret()
    {
        var templates = ArmTemplate.Templates(infra.Main).ToList();
        Assert.True(templates.Count >= 8, $"Expected main and its seven modules, found {templates.Count} templates.");

        foreach (var template in templates)
        {
            foreach (var (path, value) in ArmTemplate.Strings(template["outputs"]))
            {
                Assert.DoesNotContain("botToken')", value);
                Assert.False(ListFunction().IsMatch(value), $"{path} calls a list*() function: {value}");
            }

            foreach (var output in (template["outputs"] as JsonObject ?? []).Select(o => o.Value!))
            {
                Assert.NotEqual("securestring", (string?)output["type"]);
                Assert.NotEqual("secureObject", (string?)output["type"]);
            }
        }
    }

    [Fact]
    public void Bot_token_is_not_read_from_the_azd_environment()
    {
        // azd keeps parameter values in a plain .env file: the token goes straight to Key Vault instead.
        var parameters = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Infra, "main.parameters.json")))!["parameters"]!.AsObject();

        Assert.DoesNotContain(parameters, p => p.Key.Contains("token", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("TOKEN", parameters.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Key_vault_uses_rbac_soft_delete_and_purge_protection()
    {
        var properties = Vault.Resource("Microsoft.KeyVault/vaults")["properties"]!;

        Assert.True((bool)properties["enableRbacAuthorization"]!);
        Assert.True((bool)properties["enableSoftDelete"]!);
        Assert.Null(properties["accessPolicies"]);
        Assert.Equal("[if(parameters('enablePurgeProtection'), true(), null())]", (string?)properties["enablePurgeProtection"]);
        Assert.Equal("[parameters('keyVaultPurgeProtection')]", Vault.Passed("enablePurgeProtection"));
        Assert.True((bool)infra.Main["parameters"]!["keyVaultPurgeProtection"]!["defaultValue"]!);
    }

    /// <summary>Where a template's own expressions (not those of its nested templates) contain the fragment.</summary>
    private static List<string> Uses(JsonObject template, string fragment) =>
        ArmTemplate.Strings(template)
            .Where(s => s.Value.Contains(fragment, StringComparison.Ordinal) && !s.Path.Contains(".properties.template.", StringComparison.Ordinal))
            .Select(s => s.Path)
            .ToList();

    [GeneratedRegex(@"\blist\w*\(", RegexOptions.IgnoreCase)]
    private static partial Regex ListFunction();
}

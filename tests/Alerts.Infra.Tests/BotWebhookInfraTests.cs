using System.Text.Json.Nodes;
using Alerts.Infra.Tests.Tooling;

namespace Alerts.Infra.Tests;

/// <summary>
/// What the bot's webhook needs from the infrastructure: its queue, its secret in Key Vault read through a Key Vault
/// reference the app identity may resolve, its public route as an app setting and an output, and the azd post-deploy
/// hook that registers it with Telegram.
/// </summary>
[Collection(InfraCollection.Name)]
public sealed class BotWebhookInfraTests(CompiledInfra infra)
{
    private const string Route = "telegram/webhook";
    private ModuleView Vault => infra.Module("keyvault");
    private ModuleView App => infra.Module("functionapp");

    [Fact]
    public void Webhook_secret_parameter_is_secure_optional_and_flows_only_into_its_key_vault_secret()
    {
        var parameter = infra.Main["parameters"]!["botWebhookSecret"]!;
        Assert.Equal("securestring", (string?)parameter["type"]);
        Assert.Equal("", (string?)parameter["defaultValue"]);
        Assert.Equal("securestring", (string?)Vault.Parameter("botWebhookSecret")["type"]);
        Assert.Equal("[parameters('botWebhookSecret')]", Vault.Passed("botWebhookSecret"));
        Assert.DoesNotContain(ArmTemplate.Strings(infra.Main["outputs"]), s => s.Value.Contains("botWebhookSecret')", StringComparison.Ordinal));

        var secret = Assert.Single(Vault.Resources("Microsoft.KeyVault/vaults/secrets"), r => ((string?)r["name"])!.Contains("botWebhookSecretName", StringComparison.Ordinal));
        Assert.Equal("[parameters('botWebhookSecret')]", (string?)secret["properties"]!["value"]);
        Assert.Equal("[not(empty(parameters('botWebhookSecret')))]", (string?)secret["condition"]);
        Assert.Equal("telegram-webhook-secret", (string?)infra.Main["variables"]!["botWebhookSecretName"]);
        Assert.Equal("[variables('botWebhookSecretName')]", Vault.Passed("botWebhookSecretName"));
    }

    [Fact]
    public void App_reads_the_webhook_secret_through_a_key_vault_reference_its_identity_may_resolve()
    {
        Assert.Equal(
            "[format('@Microsoft.KeyVault(SecretUri={0})', parameters('botWebhookSecretUri'))]",
            (string?)App.Variable("baseSettings")["Bot__WebhookSecret"]);
        Assert.Equal("[reference('keyVault').outputs.botWebhookSecretUri.value]", App.Passed("botWebhookSecretUri"));
        var uri = Vault.Output("botWebhookSecretUri")["value"]!.GetValue<string>();
        Assert.Contains(".vaultUri", uri);
        Assert.Contains("parameters('botWebhookSecretName')", uri);
        Assert.DoesNotContain("botWebhookSecret')", uri);

        // The platform resolves references with keyVaultReferenceIdentity, the app's identity, which holds Key Vault
        // Secrets User on the whole vault (both secrets).
        var site = App.Resource("Microsoft.Web/sites");
        Assert.Equal("[parameters('identityId')]", (string?)site["properties"]!["keyVaultReferenceIdentity"]);
        var roles = infra.Module("roles");
        var secretsUser = Assert.Single(roles.Resources("Microsoft.Authorization/roleAssignments"),
            r => ((string?)r["properties"]!["roleDefinitionId"])!.Contains("4633458b-17de-408a-b874-0445c86b69e6", StringComparison.Ordinal)
                 && ((string?)r["properties"]!["principalId"])!.Contains("appPrincipalId", StringComparison.Ordinal));
        Assert.Contains("Microsoft.KeyVault/vaults", (string?)secretsUser["scope"], StringComparison.Ordinal);
    }

    [Fact]
    public void Webhook_route_is_the_apps_https_host_under_the_default_api_prefix_as_a_setting_and_an_output()
    {
        Assert.Equal(Route, (string?)App.Variable("webhookRoute"));
        Assert.Equal("[format('https://{0}/api/{1}', reference(resourceId('Microsoft.Web/sites', parameters('functionAppName')), '2024-04-01').defaultHostName, variables('webhookRoute'))]",
            App.Output("botWebhookUrl")["value"]!.GetValue<string>());
        Assert.Equal("[reference('functionApp').outputs.botWebhookUrl.value]", (string?)infra.Main["outputs"]!["AZURE_BOT_WEBHOOK_URL"]!["value"]);
        Assert.Equal("[variables('botWebhookSecretName')]", (string?)infra.Main["outputs"]!["TELEGRAM_WEBHOOK_SECRET_NAME"]!["value"]);

        // "api" is the prefix only while host.json sets no other; the function itself declares the route (functions.metadata test).
        var host = JsonNode.Parse(File.ReadAllText(Repository.PathOf("host.json")))!;
        Assert.Null(host["extensions"]?["http"]?["routePrefix"]);
        var function = File.ReadAllText(Repository.PathOf("src", "Alerts.Functions", "TelegramWebhook.cs"));
        Assert.Contains($"Route = \"{Route}\"", function, StringComparison.Ordinal);
        // Anonymous (Telegram sends no function key), guarded by the secret header.
        Assert.Contains("AuthorizationLevel.Anonymous", function, StringComparison.Ordinal);
    }

    [Fact]
    public void The_bot_updates_queue_and_its_poison_queue_are_provisioned()
    {
        var queues = infra.Main["variables"]!["queueNames"]!.AsArray().Select(q => (string?)q).ToList();
        Assert.Contains("bot-updates", queues);
    }

    [Fact]
    public void Azd_registers_the_webhook_after_each_deploy_with_a_script_per_shell()
    {
        var lines = File.ReadAllLines(Repository.PathOf("azure.yaml")).Select(l => l.TrimEnd()).ToList();
        var hooks = lines.IndexOf("hooks:");
        Assert.True(hooks >= 0, "azure.yaml has no top-level hooks section.");
        var body = lines.Skip(hooks + 1).TakeWhile(l => l.StartsWith("  ", StringComparison.Ordinal)).ToList();
        Assert.Equal("  postdeploy:", body[0]);
        var posix = body.IndexOf("    posix:");
        var windows = body.IndexOf("    windows:");
        Assert.True(posix > 0 && windows > 0, string.Join('\n', body));
        Assert.Equal(["      shell: sh", "      run: ./infra/hooks/postdeploy.sh"], body.Skip(posix + 1).Take(2));
        Assert.Equal(["      shell: pwsh", "      run: ./infra/hooks/postdeploy.ps1"], body.Skip(windows + 1).Take(2));

        foreach (var script in new[] { "postdeploy.sh", "postdeploy.ps1" })
        {
            var text = File.ReadAllText(Repository.PathOf("infra", "hooks", script));
            // It registers the URL the template outputs, with the secret the app reads, through the CLI's set-webhook.
            Assert.Contains("AZURE_BOT_WEBHOOK_URL", text, StringComparison.Ordinal);
            Assert.Contains("bot set-webhook", text, StringComparison.Ordinal);
            Assert.Contains("telegram-webhook-secret", text, StringComparison.Ordinal);
            Assert.Contains("Bot__WebhookSecret", text, StringComparison.Ordinal);
            Assert.Contains("az keyvault secret show", text, StringComparison.Ordinal);
            // The secret and the token are never printed.
            Assert.DoesNotContain(text.Split('\n'), l => (l.Contains("echo", StringComparison.Ordinal) || l.Contains("Write-Host", StringComparison.Ordinal))
                && (l.Contains("Bot__WebhookSecret", StringComparison.Ordinal) || l.Contains("Telegram__BotToken", StringComparison.Ordinal) || l.Contains("--query value", StringComparison.Ordinal)));
        }
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(Repository.PathOf("infra", "hooks", "postdeploy.sh")).HasFlag(UnixFileMode.UserExecute));
    }
}

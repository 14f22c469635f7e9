using System.Text.Json.Nodes;
using Alerts.Infra.Tests.Tooling;

namespace Alerts.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class AppSettingsTests(CompiledInfra infra)
{
    private ModuleView App => infra.Module("functionapp");

    private JsonObject Settings => App.Variable("baseSettings").AsObject();

    [Fact]
    public void App_settings_are_the_fixed_settings_over_the_overrides()
    {
        var config = App.Resource("Microsoft.Web/sites/config");

        Assert.EndsWith("'appsettings')]", (string?)config["name"]);
        // union(): later arguments win, so no channel or source override can replace a fixed setting.
        Assert.Equal("[union(parameters('extraAppSettings'), variables('baseSettings'))]", (string?)config["properties"]);
        Assert.Equal("[variables('overrideSettings')]", App.Passed("extraAppSettings"));
    }

    [Fact]
    public void Host_storage_is_reached_with_the_identity_only()
    {
        Assert.Equal("managedidentity", Value("AzureWebJobsStorage__credential"));
        Assert.Equal("[parameters('identityClientId')]", Value("AzureWebJobsStorage__clientId"));
        Assert.Equal("[parameters('storageBlobEndpoint')]", Value("AzureWebJobsStorage__blobServiceUri"));
        Assert.Equal("[parameters('storageQueueEndpoint')]", Value("AzureWebJobsStorage__queueServiceUri"));
        Assert.Equal("[parameters('storageTableEndpoint')]", Value("AzureWebJobsStorage__tableServiceUri"));
        Assert.DoesNotContain("AzureWebJobsStorage", Settings.Select(p => p.Key));

        Assert.Equal("[reference('storage').outputs.blobEndpoint.value]", App.Passed("storageBlobEndpoint"));
        Assert.Equal("[reference('storage').outputs.queueEndpoint.value]", App.Passed("storageQueueEndpoint"));
        Assert.Equal("[reference('storage').outputs.tableEndpoint.value]", App.Passed("storageTableEndpoint"));
    }

    [Fact]
    public void Telemetry_is_authenticated_with_the_identity()
    {
        Assert.Equal("[parameters('applicationInsightsConnectionString')]", Value("APPLICATIONINSIGHTS_CONNECTION_STRING"));
        Assert.Equal("[format('ClientId={0};Authorization=AAD', parameters('identityClientId'))]", Value("APPLICATIONINSIGHTS_AUTHENTICATION_STRING"));
        Assert.Equal("[reference('monitoring').outputs.connectionString.value]", App.Passed("applicationInsightsConnectionString"));
    }

    [Fact]
    public void Pipeline_settings_come_from_parameters_with_sensible_defaults()
    {
        var expected = new Dictionary<string, (string Parameter, string? Default)>
        {
            ["DecreePollSchedule"] = ("decreePollSchedule", "0 */5 * * * *"),
            ["NewsPollSchedule"] = ("newsPollSchedule", "0 */10 * * * *"),
            ["DepositaryPollSchedule"] = ("depositaryPollSchedule", "0 0 */1 * * *"),
            ["HealthReportSchedule"] = ("healthReportSchedule", "0 0 7 * * *"),
            ["FollowUpSchedule"] = ("followUpSchedule", "0 30 * * * *"),
            ["Telegram__ApiBaseUrl"] = ("telegramApiBaseUrl", "https://api.telegram.org"),
            ["Telegram__OperatorChatId"] = ("operatorChatId", ""),
            ["Fetch__ContactUrl"] = ("fetchContactUrl", ""),
        };

        foreach (var (setting, (parameter, defaultValue)) in expected)
        {
            Assert.Equal($"[parameters('{parameter}')]", Value(setting));
            Assert.Equal($"[parameters('{parameter}')]", App.Passed(parameter));
            Assert.Equal(defaultValue, (string?)infra.Main["parameters"]![parameter]!["defaultValue"]);
        }
    }

    [Fact]
    public void The_settings_are_exactly_the_documented_set()
    {
        string[] expected =
        [
            "AzureWebJobsStorage__credential", "AzureWebJobsStorage__clientId", "AzureWebJobsStorage__blobServiceUri",
            "AzureWebJobsStorage__queueServiceUri", "AzureWebJobsStorage__tableServiceUri",
            "APPLICATIONINSIGHTS_CONNECTION_STRING", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
            "DecreePollSchedule", "NewsPollSchedule", "DepositaryPollSchedule", "HealthReportSchedule", "FollowUpSchedule",
            "Telegram__BotToken", "Telegram__ApiBaseUrl", "Telegram__OperatorChatId", "Fetch__ContactUrl", "Bot__WebhookSecret",
        ];

        Assert.Equal(expected.Order(), Settings.Select(p => p.Key).Order());

        var guide = File.ReadAllText(Repository.PathOf("docs", "OPERATIONS.md"));
        Assert.All(expected, name => Assert.Contains($"`{name}`", guide));
    }

    private string? Value(string name) => (string?)Settings[name];
}

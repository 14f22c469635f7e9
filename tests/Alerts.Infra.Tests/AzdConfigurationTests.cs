using System.Text.Json.Nodes;
using Alerts.Infra.Tests.Tooling;

namespace Alerts.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class AzdConfigurationTests(CompiledInfra infra)
{
    [Fact]
    public void Azure_yaml_deploys_the_functions_project_as_service_alerts()
    {
        var lines = File.ReadAllLines(Repository.PathOf("azure.yaml")).Select(l => l.TrimEnd()).ToList();

        var service = lines.IndexOf("  alerts:");
        Assert.True(service > lines.IndexOf("services:"), "azure.yaml has no service 'alerts' under services.");
        var body = lines.Skip(service + 1).TakeWhile(l => l.StartsWith("    ", StringComparison.Ordinal)).Select(l => l.Trim()).ToList();
        Assert.Contains("project: ./src/Alerts.Functions", body);
        Assert.Contains("language: dotnet", body);
        Assert.Contains("host: function", body);
        Assert.True(File.Exists(Repository.PathOf("src", "Alerts.Functions", "Alerts.Functions.csproj")));

        // azd matches the service to the resource tagged azd-service-name with the same name.
        Assert.Equal("alerts", (string?)infra.Main["variables"]!["serviceName"]);
    }

    [Fact]
    public void Parameters_file_maps_the_azd_environment_onto_real_parameters()
    {
        var parameters = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Infra, "main.parameters.json")))!["parameters"]!.AsObject();
        var declared = infra.Main["parameters"]!.AsObject();

        Assert.All(parameters, p => Assert.True(declared.ContainsKey(p.Key), $"main.parameters.json sets unknown parameter '{p.Key}'."));
        Assert.Equal("${AZURE_ENV_NAME}", (string?)parameters["environmentName"]!["value"]);
        Assert.Equal("${AZURE_LOCATION}", (string?)parameters["location"]!["value"]);
        Assert.Equal("${AZURE_PRINCIPAL_ID}", (string?)parameters["principalId"]!["value"]);
        Assert.Equal("array", (string?)declared["channels"]!["type"]);
        Assert.Equal("array", (string?)declared["sources"]!["type"]);
    }

    [Fact]
    public void Outputs_name_what_azd_and_the_operator_need()
    {
        var outputs = infra.Main["outputs"]!.AsObject();

        foreach (var name in new[]
        {
            "AZURE_LOCATION", "AZURE_TENANT_ID", "AZURE_RESOURCE_GROUP", "AZURE_FUNCTION_APP_NAME",
            "AZURE_STORAGE_ACCOUNT_NAME", "AZURE_KEY_VAULT_NAME", "AZURE_KEY_VAULT_ENDPOINT",
            "AZURE_USER_ASSIGNED_IDENTITY_CLIENT_ID", "APPLICATIONINSIGHTS_NAME", "TELEGRAM_BOT_TOKEN_SECRET_NAME",
        })
        {
            Assert.True(outputs.ContainsKey(name), $"main.bicep has no output {name}.");
        }

        Assert.Equal("[reference('functionApp').outputs.name.value]", (string?)outputs["AZURE_FUNCTION_APP_NAME"]!["value"]);
    }
}

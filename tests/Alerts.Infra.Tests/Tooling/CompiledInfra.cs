using System.Text.Json.Nodes;

namespace Alerts.Infra.Tests.Tooling;

/// <summary>
/// infra/main.bicep compiled once per test run with the real Bicep CLI; the tests read the ARM JSON
/// Azure would receive, module by module.
/// </summary>
public sealed class CompiledInfra : IAsyncLifetime
{
    public BicepResult Build { get; private set; } = new(-1, "", "");

    public JsonObject Main { get; private set; } = new();

    public async Task InitializeAsync()
    {
        Build = await BicepCli.RunAsync(Repository.Infra, "build", Repository.MainBicep, "--stdout");
        if (Build.ExitCode == 0)
        {
            Main = JsonNode.Parse(Build.StandardOutput)!.AsObject();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The nested deployment main.bicep creates for a module, by its deployment name.</summary>
    public ModuleView Module(string deploymentName)
    {
        var deployment = ArmTemplate.Resources(Main)
            .Where(r => (string?)r["type"] == "Microsoft.Resources/deployments" && (string?)r["name"] == deploymentName)
            .ToList();
        Assert.True(deployment.Count == 1, $"Expected one module deployment named '{deploymentName}', found {deployment.Count}.");
        return new ModuleView(deploymentName, deployment[0], deployment[0]["properties"]!["template"]!.AsObject());
    }

    /// <summary>Every resource of every template (main and nested), with the template it sits in.</summary>
    public IEnumerable<(JsonObject Template, JsonObject Resource)> AllResources() => ArmTemplate.Flatten(Main);
}

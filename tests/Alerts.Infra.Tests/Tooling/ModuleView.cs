using System.Text.Json.Nodes;

namespace Alerts.Infra.Tests.Tooling;

/// <summary>One module's nested deployment: the values main.bicep passes in and the module's template.</summary>
public sealed record ModuleView(string Name, JsonObject Deployment, JsonObject Template)
{
    /// <summary>The expression or literal main.bicep passes for a module parameter, as JSON text for non-strings.</summary>
    public string? Passed(string parameter) =>
        Deployment["properties"]!["parameters"]?[parameter]?["value"] is { } value
            ? value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString()
            : null;

    public JsonObject Parameter(string name) =>
        Template["parameters"]?[name]?.AsObject() ?? throw new Xunit.Sdk.XunitException($"Module '{Name}' has no parameter '{name}'.");

    public JsonNode Variable(string name) =>
        Template["variables"]?[name] ?? throw new Xunit.Sdk.XunitException($"Module '{Name}' has no variable '{name}'.");

    public JsonObject Output(string name) =>
        Template["outputs"]?[name]?.AsObject() ?? throw new Xunit.Sdk.XunitException($"Module '{Name}' has no output '{name}'.");

    public IReadOnlyList<JsonObject> Resources(string type) =>
        ArmTemplate.Resources(Template).Where(r => (string?)r["type"] == type).ToList();

    public JsonObject Resource(string type)
    {
        var matches = Resources(type);
        Assert.True(matches.Count == 1, $"Module '{Name}': expected one {type}, found {matches.Count}.");
        return matches[0];
    }

    /// <summary>
    /// Value a parameter takes in this deployment: what main.bicep passes, else the default.
    /// Only plain values resolve; an expression comes back as its text.
    /// </summary>
    public JsonNode? Effective(string parameter) =>
        Deployment["properties"]!["parameters"]?[parameter]?["value"] ?? Parameter(parameter)["defaultValue"];
}

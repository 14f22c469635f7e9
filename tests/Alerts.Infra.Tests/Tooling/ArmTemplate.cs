using System.Text.Json.Nodes;

namespace Alerts.Infra.Tests.Tooling;

/// <summary>Navigation of compiled ARM JSON (both the resource array and the symbolic-name object forms).</summary>
public static class ArmTemplate
{
    public static IEnumerable<JsonObject> Resources(JsonObject template) =>
        template["resources"] switch
        {
            JsonArray array => array.Select(r => r!.AsObject()),
            JsonObject symbolic => symbolic.Select(p => p.Value!.AsObject()),
            _ => [],
        };

    public static IEnumerable<(JsonObject Template, JsonObject Resource)> Flatten(JsonObject template)
    {
        foreach (var resource in Resources(template))
        {
            yield return (template, resource);
            if ((string?)resource["type"] == "Microsoft.Resources/deployments"
                && resource["properties"]?["template"] is JsonObject nested)
            {
                foreach (var inner in Flatten(nested))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>The template and every template nested in it.</summary>
    public static IEnumerable<JsonObject> Templates(JsonObject template) =>
        Flatten(template)
            .Select(r => r.Resource)
            .Where(r => (string?)r["type"] == "Microsoft.Resources/deployments")
            .Select(r => r["properties"]?["template"])
            .OfType<JsonObject>()
            .Prepend(template);

    /// <summary>Every string in the JSON with its path, e.g. <c>$.outputs.x.value</c>.</summary>
    public static IEnumerable<(string Path, string Value)> Strings(JsonNode? node, string path = "$")
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    foreach (var item in Strings(child, $"{path}.{key}"))
                    {
                        yield return item;
                    }
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var item in Strings(array[i], $"{path}[{i}]"))
                    {
                        yield return item;
                    }
                }
                break;
            case JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String:
                yield return (path, value.GetValue<string>());
                break;
        }
    }
}

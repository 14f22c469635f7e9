using System.Text.Json.Nodes;
using Alerts.Infra.Tests.Tooling;

namespace Alerts.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class MonitoringAlertTests(CompiledInfra infra)
{
    private ModuleView Monitoring => infra.Module("monitoring");

    private ModuleView Alerts => infra.Module("alerts");

    [Fact]
    public void Application_insights_is_workspace_based_and_accepts_only_entra_telemetry()
    {
        var component = Monitoring.Resource("Microsoft.Insights/components")["properties"]!;
        var workspace = Monitoring.Resource("Microsoft.OperationalInsights/workspaces")["properties"]!;

        Assert.True((bool)component["DisableLocalAuth"]!);
        Assert.Equal("[resourceId('Microsoft.OperationalInsights/workspaces', parameters('logAnalyticsName'))]", (string?)component["WorkspaceResourceId"]);
        Assert.True((bool)workspace["features"]!["disableLocalAuth"]!);
    }

    [Fact]
    public void Alert_rules_watch_poison_messages_failures_and_stale_sources()
    {
        var rules = Alerts.Variable("rules").AsArray().Select(r => r!.AsObject()).ToDictionary(r => (string)r["key"]!);

        Assert.Equal(["function-failures", "poison-messages", "stale-sources"], rules.Keys.Order());

        var poison = Query(rules["poison-messages"]);
        Assert.Contains("\"PoisonMessages\"", poison);
        Assert.Contains("customDimensions.Signal", poison);
        Assert.Contains("customEvents", poison);
        Assert.Contains("MaxDequeueCount", poison);

        Assert.Contains("requests", Query(rules["function-failures"]));
        Assert.Contains("success == false", Query(rules["function-failures"]));
        Assert.Equal("[sub(parameters('functionFailureThreshold'), 1)]", (string?)rules["function-failures"]["threshold"]);

        var stale = Query(rules["stale-sources"]);
        Assert.Contains("\"SourceStale\"", stale);
        Assert.Contains("customDimensions.Signal", stale);
        Assert.Contains("customEvents", stale);

        Assert.All(rules.Values, r => Assert.Equal("GreaterThan", (string?)r["operator"]));
        Assert.Equal(0, (int)rules["poison-messages"]["threshold"]!);
        Assert.Equal(0, (int)rules["stale-sources"]["threshold"]!);
    }

    [Fact]
    public void Every_rule_queries_the_apps_application_insights_and_is_enabled()
    {
        var rule = Alerts.Resource("Microsoft.Insights/scheduledQueryRules");
        var properties = rule["properties"]!;

        Assert.Equal("[length(variables('rules'))]", (string?)rule["copy"]!["count"]);
        Assert.True((bool)properties["enabled"]!);
        Assert.Equal(["[parameters('applicationInsightsId')]"], properties["scopes"]!.AsArray().Select(s => (string?)s));
        Assert.Equal("[variables('rules')[copyIndex()].query]", (string?)properties["criteria"]!["allOf"]![0]!["query"]);
        Assert.Equal("Count", (string?)properties["criteria"]!["allOf"]![0]!["timeAggregation"]);
        Assert.Equal("[reference('monitoring').outputs.applicationInsightsId.value]", Alerts.Passed("applicationInsightsId"));
    }

    [Fact]
    public void Alerts_mail_the_operator_when_an_address_is_given()
    {
        var group = Alerts.Resource("Microsoft.Insights/actionGroups");
        var actions = Alerts.Resource("Microsoft.Insights/scheduledQueryRules")["properties"]!["actions"]!;

        Assert.Equal("[variables('notify')]", (string?)group["condition"]);
        Assert.Equal("[not(empty(parameters('alertEmail')))]", (string?)Alerts.Variable("notify"));
        Assert.Equal("[parameters('alertEmail')]", (string?)group["properties"]!["emailReceivers"]![0]!["emailAddress"]);
        Assert.Contains("Microsoft.Insights/actionGroups", (string?)actions["actionGroups"]);
        Assert.Equal("[parameters('alertEmail')]", Alerts.Passed("alertEmail"));
    }

    private string Query(JsonObject rule)
    {
        // Rules refer to their query variables; resolve "[variables('x')]" to the query text.
        var reference = (string)rule["query"]!;
        Assert.StartsWith("[variables('", reference);
        var name = reference["[variables('".Length..^"')]".Length];
        return Alerts.Variable(name).GetValue<string>();
    }
}

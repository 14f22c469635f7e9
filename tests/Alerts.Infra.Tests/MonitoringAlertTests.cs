using System.Text.Json.Nodes;
using Alerts.Core.Operations;
using Alerts.Core.Sources;
using Alerts.Infra.Tests.Tooling;
using Alerts.Testing;

namespace Alerts.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class MonitoringAlertTests(CompiledInfra infra)
{
    private ModuleView Monitoring => infra.Module("monitoring");

    private ModuleView Alerts => infra.Module("alerts");

    private Dictionary<string, JsonObject> Rules =>
        Alerts.Variable("rules").AsArray().Select(r => r!.AsObject()).ToDictionary(r => (string)r["key"]!);

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
    public void Alert_rules_cover_heartbeat_exceptions_poison_failures_and_stale_sources()
    {
        Assert.Equal(["exceptions", "function-failures", "no-successful-polls", "poison-messages", "stale-sources"], Rules.Keys.Order());

        Assert.Contains("requests", Query(Rules["function-failures"]));
        Assert.Contains("success == false", Query(Rules["function-failures"]));
        Assert.Equal("[sub(parameters('functionFailureThreshold'), 1)]", (string?)Rules["function-failures"]["threshold"]);

        var stale = Query(Rules["stale-sources"]);
        Assert.Contains("\"SourceStale\"", stale);
        Assert.Contains("customDimensions.Signal", stale);
        Assert.Contains("customEvents", stale);
        Assert.Equal(0, (int)Rules["stale-sources"]["threshold"]!);
    }

    [Fact]
    public void Heartbeat_fires_after_30_minutes_without_a_successful_poll_even_with_no_telemetry_at_all()
    {
        var rule = Rules["no-successful-polls"];
        var query = Query(rule);

        // The pipeline meter's counter, under its instrument name, with its status tag.
        Assert.Contains("customMetrics", query);
        Assert.Contains("name == \"alerts.source.polls\"", query);
        Assert.Contains("customDimensions.status", query);
        Assert.Contains("\"fetched\"", query);
        Assert.Contains("\"not_modified\"", query);
        // summarize without "by" yields one row of 0 on empty input, so "nothing arrived" fires too;
        // a grouped summarize would yield no rows, and the rule would stay silent when the worker is dead.
        var summarize = query.Split('\n').Single(l => l.Contains("summarize", StringComparison.Ordinal));
        Assert.DoesNotContain(" by ", summarize);
        Assert.Contains("SuccessfulPolls = count()", summarize);

        Assert.Equal("SuccessfulPolls", (string?)rule["measure"]);
        Assert.Equal("Total", (string?)rule["timeAggregation"]);
        Assert.Equal("LessThan", (string?)rule["operator"]);
        Assert.Equal(1, (int)rule["threshold"]!);
        Assert.Equal("PT30M", (string?)rule["windowSize"]);
        Assert.Equal("appInsights", (string?)rule["scope"]);
        Assert.Equal(1, (int)rule["severity"]!);

    }

    [Fact]
    public void Heartbeat_counts_what_the_pipeline_meter_really_emits_for_a_successful_poll()
    {
        // Record polls through the app's own code and read them back under the names the query uses.
        var query = Query(Rules["no-successful-polls"]);
        var source = "heartbeat-probe-" + Guid.NewGuid().ToString("N")[..8];
        using var recorder = new MetricsRecorder(AlertsMetrics.MeterName);

        foreach (var status in new[] { PollStatus.Fetched, PollStatus.NotModified, PollStatus.Failed })
        {
            AlertsMetrics.RecordPoll(new PollOutcome(source, status, [], 0, 0, null, 200));
        }

        foreach (var status in new[] { PollStatus.Fetched, PollStatus.NotModified })
        {
            var name = AlertsMetrics.StatusName(status);
            Assert.Equal(1, recorder.Sum("alerts.source.polls", ("source", source), ("status", name)));
            Assert.Contains($"\"{name}\"", query);
        }
        // A failed poll is not a heartbeat.
        Assert.DoesNotContain($"\"{AlertsMetrics.StatusName(PollStatus.Failed)}\"", query);
        Assert.Equal(1, recorder.Sum("alerts.source.polls", ("source", source), ("status", AlertsMetrics.StatusName(PollStatus.Failed))));
    }

    [Fact]
    public void Exceptions_rule_reads_worker_telemetry_and_function_app_logs_in_the_workspace()
    {
        var rule = Rules["exceptions"];
        var query = Query(rule);

        Assert.Contains("AppExceptions", query);
        Assert.Contains("SeverityLevel >= 3", query);
        Assert.Contains("FunctionAppLogs", query);
        Assert.Contains("Level in (\"Error\", \"Critical\")", query);
        Assert.Equal("workspace", (string?)rule["scope"]);
        Assert.Equal("GreaterThan", (string?)rule["operator"]);
        Assert.Equal("[sub(parameters('exceptionThreshold'), 1)]", (string?)rule["threshold"]);
        Assert.Equal(1, (int)infra.Main["parameters"]!["exceptionThreshold"]!["defaultValue"]!);
        Assert.Equal("[reference('monitoring').outputs.logAnalyticsWorkspaceId.value]", Alerts.Passed("logAnalyticsWorkspaceId"));
    }

    [Fact]
    public void Poison_rule_fires_within_minutes_on_the_apps_own_poison_signal()
    {
        var rule = Rules["poison-messages"];
        var query = Query(rule);

        Assert.Contains("\"MessagePoisoned\"", query);
        Assert.Contains("name == \"alerts.messages.poisoned\"", query);
        Assert.Contains("customDimensions.Signal", query);
        Assert.Contains("\"PoisonMessages\"", query);
        Assert.Contains("MaxDequeueCount", query);
        Assert.Equal("PT5M", (string?)rule["evaluationFrequency"]);
        Assert.Equal("GreaterThan", (string?)rule["operator"]);
        Assert.Equal(0, (int)rule["threshold"]!);
    }

    [Fact]
    public void Every_rule_is_enabled_and_queries_where_its_tables_live()
    {
        var rule = Alerts.Resource("Microsoft.Insights/scheduledQueryRules");
        var properties = rule["properties"]!;
        var criterion = properties["criteria"]!["allOf"]![0]!;

        Assert.Equal("[length(variables('rules'))]", (string?)rule["copy"]!["count"]);
        Assert.True((bool)properties["enabled"]!);
        Assert.True((bool)properties["skipQueryValidation"]!);
        Assert.Equal(
            ["[if(equals(variables('rules')[copyIndex()].scope, 'workspace'), parameters('logAnalyticsWorkspaceId'), parameters('applicationInsightsId'))]"],
            properties["scopes"]!.AsArray().Select(s => (string?)s));
        Assert.All(Rules.Values, r => Assert.Contains((string?)r["scope"], new[] { "appInsights", "workspace" }));
        Assert.Equal("[variables('rules')[copyIndex()].query]", (string?)criterion["query"]);
        Assert.Equal("[variables('rules')[copyIndex()].timeAggregation]", (string?)criterion["timeAggregation"]);
        Assert.Equal("[variables('rules')[copyIndex()].measure]", (string?)criterion["metricMeasureColumn"]);
        Assert.Equal("[reference('monitoring').outputs.applicationInsightsId.value]", Alerts.Passed("applicationInsightsId"));
    }

    [Fact]
    public void Every_rule_mails_the_operator_and_the_address_is_required()
    {
        var group = Alerts.Resource("Microsoft.Insights/actionGroups");
        var actions = Alerts.Resource("Microsoft.Insights/scheduledQueryRules")["properties"]!["actions"]!["actionGroups"]!.AsArray();

        // No condition: the action group always exists, and every rule uses it.
        Assert.Null(group["condition"]);
        Assert.Equal("[parameters('alertEmail')]", (string?)group["properties"]!["emailReceivers"]![0]!["emailAddress"]);
        Assert.Equal("[resourceId('Microsoft.Insights/actionGroups', format('{0}-operators', parameters('namePrefix')))]", (string?)Assert.Single(actions));

        // Required in main.bicep (azd prompts for a parameter without a default) ...
        var parameter = infra.Main["parameters"]!["alertEmail"]!.AsObject();
        Assert.False(parameter.ContainsKey("defaultValue"));
        var mapped = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Infra, "main.parameters.json")))!["parameters"]!["alertEmail"]!["value"];
        Assert.Equal("${ALERTS_ALERT_EMAIL}", (string?)mapped);

        // ... and an empty or malformed value fails the deployment with a message naming the setting.
        var check = (string?)infra.Main["variables"]!["operatorEmail"];
        Assert.Equal("[variables('operatorEmail')]", Alerts.Passed("alertEmail"));
        Assert.StartsWith("[if(and(contains(parameters('alertEmail'), '@')", check);
        Assert.Contains("parameters('alertEmail'), fail('alertEmail (azd: ALERTS_ALERT_EMAIL) must be", check);
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

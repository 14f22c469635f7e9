using System.Text.Json;
using Alerts.Core.Messages;
using Alerts.Core.Queues;
using Alerts.Testing;

namespace Alerts.Integration.Tests.Functions;

/// <summary>
/// The functions.metadata the Worker SDK generates when the app is built is what the Functions host
/// reads to create triggers: names, trigger types, schedules, queues and connection settings must
/// be exactly what the infrastructure and the app settings provide.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly Lazy<JsonElement[]> Functions = new(() =>
    {
        var path = RepositoryPaths.Combine("src", "Alerts.Functions", "bin", RepositoryPaths.Configuration, "net10.0", "functions.metadata");
        Assert.True(File.Exists(path), $"the Functions app was not built: {path} is missing");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
    });

    private static JsonElement Function(string name)
        => Assert.Single(Functions.Value, f => f.GetProperty("name").GetString() == name);

    private static JsonElement Binding(JsonElement function, string direction, string type)
        => Assert.Single(function.GetProperty("bindings").EnumerateArray(),
            b => b.GetProperty("direction").GetString() == direction && b.GetProperty("type").GetString() == type);

    [Fact]
    public void App_has_exactly_the_pipeline_functions()
    {
        var names = Functions.Value.Select(f => f.GetProperty("name").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(["AnswerBotUpdate", "DecideReview", "Deliver", "NotifyOperator", "PollSource", "ReportHealth", "RouteChange", "ScheduleDecreePolls", "ScheduleDepositaryPolls", "ScheduleFollowUps", "ScheduleNewsPolls", "ServeFeed", "TelegramWebhook"], names);
        Assert.All(Functions.Value, f => Assert.Equal("dotnet-isolated", f.GetProperty("language").GetString()));
    }

    [Theory]
    [InlineData("ScheduleDecreePolls", "%DecreePollSchedule%")]
    [InlineData("ScheduleDepositaryPolls", "%DepositaryPollSchedule%")]
    [InlineData("ScheduleNewsPolls", "%NewsPollSchedule%")]
    public void Timers_take_their_schedule_from_app_settings_and_write_poll_requests(string name, string schedule)
    {
        var function = Function(name);
        Assert.Equal(schedule, Binding(function, "In", "timerTrigger").GetProperty("schedule").GetString());
        var output = Binding(function, "Out", "queue");
        Assert.Equal(QueueNames.PollRequests, output.GetProperty("queueName").GetString());
        Assert.Equal("AzureWebJobsStorage", output.GetProperty("connection").GetString());
    }

    [Fact]
    public void Follow_up_timer_takes_its_schedule_from_app_settings_and_writes_treaty_changes()
    {
        var function = Function("ScheduleFollowUps");
        Assert.Equal("%FollowUpSchedule%", Binding(function, "In", "timerTrigger").GetProperty("schedule").GetString());
        Assert.Equal(QueueNames.TreatyChanges, Binding(function, "Out", "queue").GetProperty("queueName").GetString());
    }

    [Fact]
    public void Health_report_timer_takes_its_schedule_from_app_settings()
        => Assert.Equal("%HealthReportSchedule%", Binding(Function("ReportHealth"), "In", "timerTrigger").GetProperty("schedule").GetString());

    [Theory]
    [InlineData("NotifyOperator", QueueNames.OperatorNotices, null)]
    [InlineData("DecideReview", QueueNames.ReviewDecisions, QueueNames.TelegramDeliveries)]
    [InlineData("PollSource", QueueNames.PollRequests, QueueNames.TreatyChanges)]
    [InlineData("RouteChange", QueueNames.TreatyChanges, QueueNames.TelegramDeliveries)]
    [InlineData("Deliver", QueueNames.TelegramDeliveries, null)]
    [InlineData("AnswerBotUpdate", QueueNames.BotUpdates, null)]
    public void Queue_triggers_read_and_write_the_design_queues(string name, string input, string? output)
    {
        var function = Function(name);
        var trigger = Binding(function, "In", "queueTrigger");
        Assert.Equal(input, trigger.GetProperty("queueName").GetString());
        Assert.Equal("AzureWebJobsStorage", trigger.GetProperty("connection").GetString());
        var outputs = function.GetProperty("bindings").EnumerateArray().Where(b => b.GetProperty("direction").GetString() == "Out").ToList();
        if (output is null)
        {
            Assert.Empty(outputs);
        }
        else
        {
            var queue = Assert.Single(outputs);
            Assert.Equal(output, queue.GetProperty("queueName").GetString());
            Assert.Equal("AzureWebJobsStorage", queue.GetProperty("connection").GetString());
        }
    }

    [Fact]
    public void Telegram_webhook_is_an_anonymous_POST_on_its_route_answering_over_http()
    {
        var function = Function("TelegramWebhook");
        var trigger = Binding(function, "In", "httpTrigger");
        // Anonymous: Telegram sends no function key; the function checks the secret header itself.
        Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString(), ignoreCase: true);
        Assert.Equal(["post"], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant()));
        Assert.Equal("telegram/webhook", trigger.GetProperty("route").GetString());
        Assert.Equal("$return", Binding(function, "Out", "http").GetProperty("name").GetString());
        // It queues through the app's own queue client, not an output binding: the update is on the queue before the 200.
        Assert.DoesNotContain(function.GetProperty("bindings").EnumerateArray(), b => b.GetProperty("type").GetString() == "queue");
    }

    [Fact]
    public void Feeds_function_is_anonymous_get_and_head_on_the_feeds_route_and_returns_the_http_response()
    {
        var function = Function("ServeFeed");
        var trigger = Binding(function, "In", "httpTrigger");
        Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString(), ignoreCase: true);
        Assert.Equal(["get", "head"], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant()).Order(StringComparer.Ordinal));
        Assert.Equal("feeds/{*path}", trigger.GetProperty("route").GetString());
        Assert.Equal("$return", Binding(function, "Out", "http").GetProperty("name").GetString());
        // Only the response goes out: no queue or table output.
        Assert.Single(function.GetProperty("bindings").EnumerateArray(), b => b.GetProperty("direction").GetString() == "Out");
    }

    [Fact]
    public void Host_json_is_the_root_one_and_sets_queue_retries_on_purpose()
    {
        var output = RepositoryPaths.Combine("src", "Alerts.Functions", "bin", RepositoryPaths.Configuration, "net10.0", "host.json");
        Assert.Equal(File.ReadAllText(RepositoryPaths.Combine("host.json")), File.ReadAllText(output));
        using var host = JsonDocument.Parse(File.ReadAllText(output));
        var queues = host.RootElement.GetProperty("extensions").GetProperty("queues");
        // The app poisons on the last attempt and the local runner retries with the same delay: one set of numbers.
        Assert.Equal(QueuePolicy.MaxDequeueCount, queues.GetProperty("maxDequeueCount").GetInt32());
        Assert.Equal(QueuePolicy.RetryDelay, TimeSpan.Parse(queues.GetProperty("visibilityTimeout").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(QueuePolicy.RetryDelay >= TimeSpan.FromSeconds(10),
            "a zero visibilityTimeout retries instantly and poisons messages within seconds of an outage");
        Assert.InRange(queues.GetProperty("batchSize").GetInt32(), 1, 32);
    }
}

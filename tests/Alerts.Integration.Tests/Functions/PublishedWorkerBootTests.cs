using System.Globalization;
using System.Text;
using System.Text.Json;
using Alerts.Core.Messages;
using Alerts.Integration.Tests.Pipeline;
using Alerts.Integration.Tests.Stores;
using Alerts.Testing;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Google.Protobuf;
using Microsoft.Azure.WebJobs.Script.Grpc.Messages;
using Xunit.Abstractions;

namespace Alerts.Integration.Tests.Functions;

/// <summary>
/// The published Functions app booted exactly as the Functions host boots it, against a test host
/// speaking the FunctionRpc protocol: init, metadata from the generated functions.metadata, a load of
/// every function, then real invocations — the news timer, whose output the host writes to the Azurite
/// queue, and each queue trigger fed the real message read back from its queue — ending in one post at
/// the fake Telegram server. A package pair that cannot load, a missing registration or a failing
/// options check stops the worker or fails an invocation, and so this test.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class PublishedWorkerBootTests(AzuriteFixture azurite, ITestOutputHelper output) : IAsyncLifetime
{
    private const string ChatId = "-1001234567890";
    private const string WebhookSecret = "boot-test-webhook-secret-0123";
    private const long User = 424_242_201;

    private PipelineRig _rig = null!;
    private FakeTelegramServer _telegram = null!;
    private TelemetryIngestionServer _ingestion = null!;
    private FunctionRpcTestHost _host = null!;
    private readonly Dictionary<string, RpcFunctionMetadata> _functions = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        await FunctionsStorage.ResetAsync(azurite);
        _rig = await PipelineRig.StartAsync((PipelineFeeds.NewsPath, PipelineFeeds.MoscowTimesWithSeedStory()));
        _telegram = _rig.Telegram;
        _ingestion = await TelemetryIngestionServer.StartAsync();
        _host = await FunctionRpcTestHost.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _ingestion.DisposeAsync();
        await _rig.DisposeAsync();
    }

    [Fact]
    public async Task Published_worker_boots_as_the_host_starts_it_and_runs_timer_to_telegram()
    {
        var directory = await PublishedWorker.PublishAsync();
        await using var worker = PublishedWorker.Start(directory, _host.Uri, Settings());

        // Start-up as the host drives it.
        var started = await worker.OrExitAsync(_host.Started, FunctionRpcTestHost.StartTimeout, "StartStream");
        Assert.Equal(worker.WorkerId, started.WorkerId);
        var connected = worker.SinceStart.Elapsed;

        await _host.InitWorkerAsync(worker, directory);
        var initialised = worker.SinceStart.Elapsed;

        var metadata = await _host.FunctionMetadataAsync(worker, directory);
        Assert.False(metadata.UseDefaultMetadataIndexing);
        Assert.Equal(GeneratedFunctionNames(directory), metadata.FunctionMetadataResults.Select(f => f.Name).Order(StringComparer.Ordinal));

        foreach (var function in metadata.FunctionMetadataResults)
        {
            await _host.LoadAsync(function);
            _functions[function.Name] = function;
        }
        var ready = worker.SinceStart.Elapsed;
        var readyCpu = worker.ProcessorTime;

        // The news timer: its poll requests land on the Azurite queue the host writes them to.
        var timerStarted = worker.SinceStart.Elapsed;
        var timer = await InvokeAsync("ScheduleNewsPolls", new TypedData { Json = TimerJson() }, new Dictionary<string, TypedData>());
        Assert.Equal(1, await WriteOutputsAsync("ScheduleNewsPolls", timer));
        var timerTook = worker.SinceStart.Elapsed - timerStarted;
        var request = MessageJson.Deserialize<PollRequest>(Assert.Single(await PeekAsync(QueueNames.PollRequests)));
        Assert.Equal("moscowtimes", request.SourceId);

        // Each queue trigger with the real message read from its queue.
        var pollStarted = worker.SinceStart.Elapsed;
        Assert.Equal(1, await RunQueueTriggerAsync("PollSource"));
        var pollTook = worker.SinceStart.Elapsed - pollStarted;
        var pollCpu = worker.ProcessorTime;
        var change = MessageJson.Deserialize<TreatyChange>(Assert.Single(await PeekAsync(QueueNames.TreatyChanges)));
        Assert.Equal("coe:126", change.Treaty.Id);
        Assert.Equal(TreatyAction.Withdrawal, change.Action);

        Assert.Equal(1, await RunQueueTriggerAsync("RouteChange"));
        Assert.Single(await PeekAsync(QueueNames.TelegramDeliveries));
        Assert.Equal(1, await RunQueueTriggerAsync("Deliver"));

        var sent = Assert.Single(_telegram.CallsOf("sendMessage"));
        Assert.Equal(ChatId, sent.ChatId);
        Assert.Equal("html", sent.ParseMode, ignoreCase: true);
        Assert.Contains("Prevention of Torture", sent.Text, StringComparison.Ordinal);
        Assert.Contains("themoscowtimes.com/2025/08/26/russia-to-quit", sent.Text, StringComparison.Ordinal);
        Assert.True(FakeTelegramHtml.TryParse(sent.Text!, out _, out var htmlError), htmlError);

        // The bot's webhook as the host hands the worker an HTTP request: refused without the secret (nothing queued),
        // queued with it and answered 200, then answered to the user by the bot-updates queue trigger.
        var update = _telegram.UpdateJson(_telegram.UserSays(User, "/follow RU"));
        Assert.Equal("403", (await InvokeWebhookAsync(update, "not-the-webhook-secret-0123")).StatusCode);
        Assert.Equal("401", (await InvokeWebhookAsync(update, null)).StatusCode);
        Assert.Empty(await PeekAsync(QueueNames.BotUpdates));
        Assert.Equal("200", (await InvokeWebhookAsync(update, WebhookSecret)).StatusCode);
        Assert.Equal(1, await RunQueueTriggerAsync("AnswerBotUpdate"));
        Assert.Equal(["Following: Russia — all steps, all treaties.\n/list shows everything you follow."], _telegram.TextsTo(User));
        Assert.DoesNotContain(WebhookSecret, _host.WorkerLog, StringComparison.Ordinal);
        Assert.DoesNotContain(WebhookSecret, worker.Output, StringComparison.Ordinal);

        foreach (var queue in QueueNames.All)
        {
            Assert.Empty(await PeekAsync(queue));
            Assert.Empty(await PeekAsync(QueueNames.Poison(queue)));
        }

        // The host stops the worker; it flushes its telemetry on the way out.
        await _host.SendAsync(new StreamingMessage { WorkerTerminate = new WorkerTerminate { GracePeriod = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromSeconds(10)) } });
        await worker.WaitForExitAsync(TimeSpan.FromSeconds(60), "WorkerTerminate");
        Assert.True(worker.ExitCode == 0, $"exit code {worker.ExitCode}:{Environment.NewLine}{worker.Output}");
        var telemetry = $"{_ingestion.Items.Count} telemetry items; metrics: {string.Join(", ", _ingestion.MetricNames)}";
        Assert.True(_ingestion.MetricNames.Contains("alerts.source.polls"), telemetry);
        Assert.Contains("alerts.deliveries", _ingestion.MetricNames);
        Assert.True(_ingestion.DependencyNames.Any(n => n.EndsWith("PollSource", StringComparison.Ordinal)),
            $"no invocation span of PollSource among the dependencies {string.Join(", ", _ingestion.DependencyNames)}; {telemetry}");
        Assert.Contains(_ingestion.LogDimensions, d => d.TryGetValue("SourceId", out var id) && id == "moscowtimes");

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"worker start-up: StartStream {connected.TotalMilliseconds:F0} ms, WorkerInitResponse {initialised.TotalMilliseconds:F0} ms, " +
            $"{_functions.Count} functions loaded (ready for invocations) {ready.TotalMilliseconds:F0} ms after process start, {readyCpu.TotalMilliseconds:F0} ms CPU; " +
            $"first timer invocation {timerTook.TotalMilliseconds:F0} ms; first poll (PollSource: fetch, parse, detect, correlate) {pollTook.TotalMilliseconds:F0} ms; CPU used by then {pollCpu.TotalMilliseconds:F0} ms"));
    }

    [Fact]
    public async Task Published_worker_with_a_failing_options_check_exits_before_it_dials_the_host_naming_the_key()
    {
        var directory = await PublishedWorker.PublishAsync();
        var settings = Settings();
        settings["Channels:0:Language"] = "de";
        await using var worker = PublishedWorker.Start(directory, _host.Uri, settings);

        await worker.WaitForExitAsync(FunctionRpcTestHost.StartTimeout, "start with a bad channel language");

        Assert.NotEqual(0, worker.ExitCode);
        Assert.False(_host.Started.IsCompleted, "the worker opened the event stream although its configuration cannot work");
        Assert.Contains("Channels:0:Language", worker.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(_telegram.Token, worker.Output, StringComparison.Ordinal);
    }

    private Dictionary<string, string> Settings() => _rig.Settings()
        .Set(PublishedWorker.TimerSchedules)
        .Set("AzureWebJobsStorage", azurite.ConnectionString)
        .Set("APPLICATIONINSIGHTS_CONNECTION_STRING", _ingestion.ConnectionString)
        .Set("APPLICATIONINSIGHTS_STATSBEAT_DISABLED", "true")
        .Source("moscowtimes", PipelineFeeds.NewsPath)
        // The worker runs on the real clock: the archived items (October 2023) are older than the first
        // poll's backfill window and remembered silently; the seed story (26 August 2025) is inside it.
        .Set("Polling:FirstPollBackfill", (DateTimeOffset.UtcNow - new DateTimeOffset(2025, 8, 25, 0, 0, 0, TimeSpan.Zero)).ToString("c", CultureInfo.InvariantCulture))
        .Channel("main-en", ChatId)
        .Set("Bot:WebhookSecret", WebhookSecret)
        .ToEnvironment();

    private static string TimerJson() => JsonSerializer.Serialize(new
    {
        Schedule = new { AdjustForDST = true },
        ScheduleStatus = new { Last = DateTime.UtcNow.AddMinutes(-10), Next = DateTime.UtcNow.AddMinutes(10), LastUpdated = DateTime.UtcNow.AddMinutes(-10) },
        IsPastDue = false,
    });

    private static IEnumerable<string> GeneratedFunctionNames(string directory)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "functions.metadata")));
        return document.RootElement.EnumerateArray().Select(f => f.GetProperty("name").GetString()!).Order(StringComparer.Ordinal).ToList();
    }

    private Task<InvocationResponse> InvokeAsync(string name, TypedData trigger, IDictionary<string, TypedData> triggerMetadata)
        => _host.InvokeAsync(_functions[name], trigger, triggerMetadata, $"invocation of {name}");

    /// <summary>Invokes the webhook function with an HTTP request as the host passes it (RpcHttp); returns the HTTP response.</summary>
    private async Task<RpcHttp> InvokeWebhookAsync(string json, string? secret)
    {
        var http = new RpcHttp
        {
            Method = "POST",
            Url = "https://alerts.example.org/api/telegram/webhook",
            // With RpcHttpBodyOnly the host passes the raw body as bytes.
            Body = new TypedData { Bytes = ByteString.CopyFromUtf8(json) },
        };
        // The host sends the headers in both maps (the worker reads the nullable one when it is filled).
        var headers = new Dictionary<string, string> { ["Content-Type"] = "application/json", ["Content-Length"] = Encoding.UTF8.GetByteCount(json).ToString(CultureInfo.InvariantCulture) };
        if (secret is not null)
        {
            headers["X-Telegram-Bot-Api-Secret-Token"] = secret;
        }
        foreach (var (name, value) in headers)
        {
            http.Headers[name] = value;
            http.NullableHeaders[name] = new NullableString { Value = value };
        }
        var response = await InvokeAsync("TelegramWebhook", new TypedData { Http = http }, new Dictionary<string, TypedData>());
        var result = response.ReturnValue?.Http ?? response.OutputData.FirstOrDefault(p => p.Name == "$return")?.Data?.Http;
        Assert.True(result is not null, $"the webhook returned no HTTP response: {response}");
        return result;
    }

    /// <summary>Receives every message of the function's trigger queue, invokes the function with each as the host does, writes its queue outputs on and deletes the message.</summary>
    private async Task<int> RunQueueTriggerAsync(string name)
    {
        var queue = Queue(RawBindings(name).Single(b => b.GetProperty("type").GetString() == "queueTrigger").GetProperty("queueName").GetString()!);
        var count = 0;
        while ((await queue.ReceiveMessagesAsync(maxMessages: 16, visibilityTimeout: TimeSpan.FromMinutes(5))).Value is { Length: > 0 } batch)
        {
            foreach (var message in batch)
            {
                var body = message.Body.ToString();
                var response = await InvokeAsync(name, new TypedData { String = body }, QueueTriggerMetadata(message, body));
                await WriteOutputsAsync(name, response);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                count++;
            }
        }
        return count;
    }

    private static Dictionary<string, TypedData> QueueTriggerMetadata(QueueMessage message, string body) => new()
    {
        ["QueueTrigger"] = new TypedData { String = body },
        ["Id"] = new TypedData { String = message.MessageId },
        ["PopReceipt"] = new TypedData { String = message.PopReceipt },
        ["DequeueCount"] = new TypedData { Json = message.DequeueCount.ToString(CultureInfo.InvariantCulture) },
        ["InsertionTime"] = new TypedData { Json = JsonSerializer.Serialize(message.InsertedOn) },
        ["ExpirationTime"] = new TypedData { Json = JsonSerializer.Serialize(message.ExpiresOn) },
        ["NextVisibleTime"] = new TypedData { Json = JsonSerializer.Serialize(message.NextVisibleOn) },
    };

    /// <summary>Writes each queue output binding's value (named output or the return value) to its queue, one message per element. Returns how many.</summary>
    private async Task<int> WriteOutputsAsync(string name, InvocationResponse response)
    {
        var written = 0;
        foreach (var binding in RawBindings(name).Where(b => b.GetProperty("direction").GetString() == "Out" && b.GetProperty("type").GetString() == "queue"))
        {
            var bindingName = binding.GetProperty("name").GetString()!;
            var data = response.OutputData.FirstOrDefault(p => p.Name == bindingName)?.Data ?? (bindingName == "$return" ? response.ReturnValue : null);
            var queue = Queue(binding.GetProperty("queueName").GetString()!);
            foreach (var message in Messages(data))
            {
                await queue.SendMessageAsync(message);
                written++;
            }
        }
        return written;
    }

    private static IEnumerable<string> Messages(TypedData? data) => data?.DataCase switch
    {
        null or TypedData.DataOneofCase.None => [],
        TypedData.DataOneofCase.String => [data.String],
        TypedData.DataOneofCase.Bytes => [data.Bytes.ToStringUtf8()],
        TypedData.DataOneofCase.CollectionString => data.CollectionString.String,
        TypedData.DataOneofCase.CollectionBytes => data.CollectionBytes.Bytes.Select(b => b.ToStringUtf8()),
        TypedData.DataOneofCase.Json => JsonMessages(data.Json),
        _ => throw new NotSupportedException($"A queue output as {data.DataCase} is not something the host writes."),
    };

    private static IEnumerable<string> JsonMessages(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Array
            ? document.RootElement.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()).ToList()
            : [json];
    }

    private List<JsonElement> RawBindings(string name)
        => _functions[name].RawBindings.Select(raw => JsonDocument.Parse(raw).RootElement.Clone()).ToList();

    private QueueClient Queue(string name)
    {
        var client = new QueueClient(azurite.ConnectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        client.CreateIfNotExists();
        return client;
    }

    private async Task<IReadOnlyList<string>> PeekAsync(string queue)
        => (await Queue(queue).PeekMessagesAsync(maxMessages: 32)).Value.Select(m => m.Body.ToString()).ToList();
}

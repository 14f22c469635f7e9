using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Azure.WebJobs.Script.Grpc.Messages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Alerts.Integration.Tests.Functions;

/// <summary>
/// The Functions host's side of the FunctionRpc protocol, on a Kestrel gRPC server (HTTP/2 without
/// TLS, as the host listens on 127.0.0.1): the worker dials in and opens <c>EventStream</c> with
/// <c>StartStream</c>; the test then sends requests and awaits the worker's answers, matched by
/// request id. Log messages the worker streams back are kept for failure messages.
/// </summary>
public sealed class FunctionRpcTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TaskCompletionSource<StartStream> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Channel<StreamingMessage> _outbound = Channel.CreateUnbounded<StreamingMessage>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> _pending = new();
    private readonly ConcurrentQueue<RpcLog> _logs = new();
    private readonly CancellationTokenSource _stopping = new();

    private FunctionRpcTestHost()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(options =>
        {
            options.MaxReceiveMessageSize = null;
            options.MaxSendMessageSize = null;
        });
        builder.Services.AddSingleton(this);
        _app = builder.Build();
        _app.MapGrpcService<EventStreamService>();
    }

    /// <summary>How long the worker may take to start, answer a start-up request or exit.</summary>
    public static TimeSpan StartTimeout { get; } = TimeSpan.FromSeconds(90);

    /// <summary>How long one invocation may take.</summary>
    public static TimeSpan InvocationTimeout { get; } = TimeSpan.FromSeconds(60);

    /// <summary>The address the worker is told to dial (<c>--functions-uri</c>).</summary>
    public Uri Uri { get; private set; } = null!;

    /// <summary>Completes when the worker opened the stream; carries its worker id.</summary>
    public Task<StartStream> Started => _started.Task;

    /// <summary>What the worker logged through the host channel, oldest first.</summary>
    public string WorkerLog => string.Join(Environment.NewLine, _logs.Select(l => $"[{l.Level}] {l.Category}: {l.Message}{(l.Exception is { } e ? " " + e.Message : "")}"));

    public static async Task<FunctionRpcTestHost> StartAsync()
    {
        var host = new FunctionRpcTestHost();
        await host._app.StartAsync();
        var address = host._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host.Uri = new Uri(address.TrimEnd('/') + "/");
        return host;
    }

    /// <summary>Sends a request and returns the worker's answer to it.</summary>
    public async Task<StreamingMessage> RequestAsync(StreamingMessage request, TimeSpan timeout)
    {
        request.RequestId = Guid.NewGuid().ToString("N");
        var answer = new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[request.RequestId] = answer;
        await _outbound.Writer.WriteAsync(request);
        try
        {
            return await answer.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The worker did not answer {request.ContentCase} within {timeout.TotalSeconds} s. Worker log:{Environment.NewLine}{WorkerLog}");
        }
    }

    /// <summary>Sends a message that has no answer (WorkerTerminate).</summary>
    public ValueTask SendAsync(StreamingMessage message) => _outbound.Writer.WriteAsync(message);

    /// <summary>The host's first request once the worker opened the stream: <c>WorkerInitRequest</c> for the app in <paramref name="directory"/>.</summary>
    public async Task InitWorkerAsync(PublishedWorker worker, string directory)
    {
        var init = (await worker.OrExitAsync(RequestAsync(new StreamingMessage
        {
            WorkerInitRequest = new WorkerInitRequest
            {
                HostVersion = "4.1040.300",
                WorkerDirectory = directory,
                FunctionAppDirectory = directory,
                Capabilities = { ["RpcHttpBodyOnly"] = "true", ["TypedDataCollection"] = "true" },
            },
        }, StartTimeout), StartTimeout, "WorkerInitResponse")).WorkerInitResponse;
        AssertSucceeded(init.Result, "WorkerInitRequest");
    }

    /// <summary>Asks the worker for its functions (<c>FunctionsMetadataRequest</c>).</summary>
    public async Task<FunctionMetadataResponse> FunctionMetadataAsync(PublishedWorker worker, string directory)
    {
        var metadata = (await worker.OrExitAsync(RequestAsync(new StreamingMessage
        {
            FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = directory },
        }, StartTimeout), StartTimeout, "FunctionMetadataResponse")).FunctionMetadataResponse;
        AssertSucceeded(metadata.Result, "FunctionsMetadataRequest");
        return metadata;
    }

    /// <summary>Loads one function (<c>FunctionLoadRequest</c>), as the host does for each before invoking it.</summary>
    public async Task LoadAsync(RpcFunctionMetadata function)
    {
        var loaded = (await RequestAsync(new StreamingMessage
        {
            FunctionLoadRequest = new FunctionLoadRequest { FunctionId = function.FunctionId, Metadata = function },
        }, StartTimeout)).FunctionLoadResponse;
        AssertSucceeded(loaded.Result, $"FunctionLoadRequest {function.Name}");
    }

    /// <summary>Invokes a loaded function with <paramref name="trigger"/> as its trigger binding's value; fails when the invocation does.</summary>
    public async Task<InvocationResponse> InvokeAsync(RpcFunctionMetadata function, TypedData trigger, IDictionary<string, TypedData> triggerMetadata, string what)
    {
        var triggerBinding = Assert.Single(function.Bindings, b => b.Value.Direction == BindingInfo.Types.Direction.In && b.Value.Type.EndsWith("Trigger", StringComparison.Ordinal));
        var request = new InvocationRequest
        {
            InvocationId = Guid.NewGuid().ToString(),
            FunctionId = function.FunctionId,
            TraceContext = new RpcTraceContext { TraceParent = $"00-{Guid.NewGuid():N}-{Guid.NewGuid().ToString("N")[..16]}-01" },
            InputData = { new ParameterBinding { Name = triggerBinding.Key, Data = trigger } },
            TriggerMetadata = { triggerMetadata },
        };
        var response = (await RequestAsync(new StreamingMessage { InvocationRequest = request }, InvocationTimeout)).InvocationResponse;
        AssertSucceeded(response.Result, what);
        return response;
    }

    /// <summary>Fails with the worker's exception and log unless <paramref name="result"/> is a success.</summary>
    public void AssertSucceeded(StatusResult result, string what)
        => Assert.True(result.Status == StatusResult.Types.Status.Success,
            $"{what}: {result.Status} {result.Exception?.Message}{Environment.NewLine}{result.Exception?.StackTrace}{Environment.NewLine}Worker log:{Environment.NewLine}{WorkerLog}");

    private async Task RunStreamAsync(IAsyncStreamReader<StreamingMessage> fromWorker, IServerStreamWriter<StreamingMessage> toWorker, CancellationToken callEnded)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(callEnded, _stopping.Token);
        if (!await fromWorker.MoveNext(stop.Token) || fromWorker.Current.ContentCase != StreamingMessage.ContentOneofCase.StartStream)
        {
            _started.TrySetException(new InvalidOperationException("The worker's first message on EventStream was not StartStream."));
            return;
        }
        _started.TrySetResult(fromWorker.Current.StartStream);
        var writer = Task.Run(async () =>
        {
            await foreach (var message in _outbound.Reader.ReadAllAsync(stop.Token))
            {
                await toWorker.WriteAsync(message, stop.Token);
            }
        }, stop.Token);
        try
        {
            while (await fromWorker.MoveNext(stop.Token))
            {
                var message = fromWorker.Current;
                if (message.ContentCase == StreamingMessage.ContentOneofCase.RpcLog)
                {
                    _logs.Enqueue(message.RpcLog);
                }
                else if (_pending.TryRemove(message.RequestId, out var answer))
                {
                    answer.TrySetResult(message);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or Grpc.Core.RpcException)
        {
            // The worker went away or the test host is stopping.
        }
        finally
        {
            foreach (var pending in _pending.Values)
            {
                pending.TrySetException(new InvalidOperationException($"The worker closed the event stream. Worker log:{Environment.NewLine}{WorkerLog}"));
            }
            await stop.CancelAsync();
            await writer.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private sealed class EventStreamService(FunctionRpcTestHost host) : FunctionRpc.FunctionRpcBase
    {
        public override Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context)
            => host.RunStreamAsync(requestStream, responseStream, context.CancellationToken);
    }
}

using System.Globalization;
using Alerts.Core.Ports;
using Alerts.Core.Queues;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions;

/// <summary>
/// Runs a queue trigger's message through <see cref="MessageRunner"/>, the path the local runner takes too, and
/// settles it the way a trigger can: outputs are returned for the function's queue output binding and the host
/// deletes the message; a poisoned body is written to the <c>-poison</c> queue by the app (so it emits the signal)
/// before the host deletes the message; a stage that throws before the last attempt rethrows, and the host makes
/// the message visible again after <c>host.json</c>'s <c>visibilityTimeout</c> (<see cref="QueuePolicy.RetryDelay"/>).
/// </summary>
public sealed class QueueTriggerRunner(MessageRunner runner, IMessageQueue queue)
{
    public async Task<string[]> RunAsync<TMessage, TResult>(QueueHandler<TMessage, TResult> handler, string body, FunctionContext context, CancellationToken cancellationToken)
        where TMessage : class, Core.Messages.IQueueMessage
    {
        var message = FromTrigger(handler.Queue, body, context.BindingContext.BindingData);
        var settlement = new TriggerSettlement(queue, message);
        await runner.RunAsync(handler, message, settlement, cancellationToken);
        return settlement.Outputs;
    }

    /// <summary>
    /// The message as the queue trigger describes it in its binding data (<c>Id</c>, <c>DequeueCount</c>, <c>PopReceipt</c>,
    /// <c>InsertionTime</c>). Without a dequeue count the attempt is taken as the first; the host still poisons after
    /// <c>maxDequeueCount</c> on its own.
    /// </summary>
    public static QueueMessage FromTrigger(string queue, string body, IReadOnlyDictionary<string, object?> bindingData)
    {
        var dequeueCount = int.TryParse(Value(bindingData, "DequeueCount"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) ? count : 1;
        var inserted = DateTimeOffset.TryParse(Value(bindingData, "InsertionTime"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : DateTimeOffset.MinValue;
        return new QueueMessage(queue, Value(bindingData, "Id") ?? "", Value(bindingData, "PopReceipt") ?? "", body, dequeueCount, inserted);
    }

    private static string? Value(IReadOnlyDictionary<string, object?> data, string key)
    {
        if (!data.TryGetValue(key, out var value))
        {
            value = data.FirstOrDefault(pair => string.Equals(pair.Key, key, StringComparison.OrdinalIgnoreCase)).Value;
        }
        // Strings may arrive JSON-quoted, numbers as long.
        return value switch
        {
            null => null,
            string text => text.Trim('"'),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
    }

    private sealed class TriggerSettlement(IMessageQueue queue, QueueMessage message) : IMessageSettlement
    {
        public string[] Outputs { get; private set; } = [];

        public Task CompleteAsync(string? outputQueue, IReadOnlyList<string> outputs, CancellationToken cancellationToken)
        {
            Outputs = outputs.ToArray();
            return Task.CompletedTask;
        }

        public Task PoisonAsync(CancellationToken cancellationToken)
            => queue.EnqueueAsync(Core.Messages.QueueNames.Poison(message.Queue), message.Body, null, cancellationToken);

        public Task RetryAsync(Exception error, TimeSpan delay, CancellationToken cancellationToken) => Task.FromException(error);
    }
}

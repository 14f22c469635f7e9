using System.Globalization;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Integration.Tests.Functions;

/// <summary>
/// The part of a <see cref="FunctionContext"/> a queue trigger's function reads: the binding data the Functions host
/// sends with each queue message (<c>Id</c>, <c>DequeueCount</c> as a number, <c>PopReceipt</c>, <c>InsertionTime</c>).
/// Built from a message really received from Azurite, or with a given dequeue count.
/// </summary>
internal sealed class QueueTriggerContext : FunctionContext
{
    private QueueTriggerContext(Dictionary<string, object?> bindingData)
    {
        BindingContext = new Binding(bindingData);
    }

    public static QueueTriggerContext From(global::Azure.Storage.Queues.Models.QueueMessage message) => new(new Dictionary<string, object?>
    {
        ["Id"] = message.MessageId,
        ["DequeueCount"] = message.DequeueCount,
        ["PopReceipt"] = message.PopReceipt,
        ["InsertionTime"] = message.InsertedOn?.ToString("O", CultureInfo.InvariantCulture),
        ["QueueTrigger"] = message.Body.ToString(),
    });

    public static QueueTriggerContext Attempt(long dequeueCount, string id = "test-message") => new(new Dictionary<string, object?>
    {
        ["Id"] = id,
        ["DequeueCount"] = dequeueCount,
    });

    public override string InvocationId { get; } = Guid.NewGuid().ToString();
    public override string FunctionId => throw new NotSupportedException();
    public override TraceContext TraceContext => throw new NotSupportedException();
    public override BindingContext BindingContext { get; }
    public override RetryContext RetryContext => throw new NotSupportedException();
    public override IServiceProvider InstanceServices { get; set; } = null!;
    public override FunctionDefinition FunctionDefinition => throw new NotSupportedException();
    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();
    public override IInvocationFeatures Features => throw new NotSupportedException();

    private sealed class Binding(IReadOnlyDictionary<string, object?> data) : BindingContext
    {
        public override IReadOnlyDictionary<string, object?> BindingData { get; } = data;
    }
}

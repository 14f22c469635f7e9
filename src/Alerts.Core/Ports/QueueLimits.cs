using System.Text;
using Alerts.Core.Messages;

namespace Alerts.Core.Ports;

/// <summary>
/// Azure Storage queue limits, part of <see cref="IMessageQueue"/>'s contract: both adapters check
/// them the same way, so what works against the local queue also works against Azure.
/// </summary>
public static class QueueLimits
{
    public static readonly TimeSpan MaxVisibility = TimeSpan.FromDays(7);
    public const int MaxMessagesPerReceive = 32;

    /// <exception cref="MessageTooLargeException">the body exceeds <see cref="MessageJson.MaxMessageBytes"/>.</exception>
    public static void ValidateEnqueue(string queue, string body, TimeSpan delay, string delayName)
    {
        StorageNames.ValidateQueue(queue);
        ArgumentNullException.ThrowIfNull(body);
        var bytes = Encoding.UTF8.GetByteCount(body);
        if (bytes > MessageJson.MaxMessageBytes)
        {
            throw new MessageTooLargeException(queue, bytes);
        }
        ValidateDelay(delay, delayName);
    }

    public static void ValidateReceive(string queue, int maxMessages, TimeSpan visibilityTimeout)
    {
        StorageNames.ValidateQueue(queue);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, MaxMessagesPerReceive);
        if (visibilityTimeout < TimeSpan.FromSeconds(1) || visibilityTimeout > MaxVisibility)
        {
            throw new ArgumentOutOfRangeException(nameof(visibilityTimeout), visibilityTimeout, "The visibility timeout must be between 1 second and 7 days.");
        }
    }

    public static void ValidateDelay(TimeSpan delay, string name)
    {
        if (delay < TimeSpan.Zero || delay > MaxVisibility)
        {
            throw new ArgumentOutOfRangeException(name, delay, "The delay must be between zero and 7 days.");
        }
    }
}

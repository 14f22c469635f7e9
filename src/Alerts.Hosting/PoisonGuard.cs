using Alerts.Core.Messages;
using Alerts.Core.Ports;
using Microsoft.Extensions.Logging;

namespace Alerts.Hosting;

/// <summary>
/// Reads a queue message; one that can never be processed (not JSON, wrong shape, newer version)
/// goes straight to the poison queue with a logged reason instead of being retried five times.
/// Nothing is lost: the body is kept as it came.
/// </summary>
public sealed class PoisonGuard(IMessageQueue queue, ILogger<PoisonGuard> logger)
{
    public const int SupportedVersion = 1;

    public async Task<T?> ReadAsync<T>(string queueName, string body, CancellationToken cancellationToken) where T : class
    {
        string? problem;
        try
        {
            var message = MessageJson.Deserialize<T>(body);
            var version = (int?)typeof(T).GetProperty("V")?.GetValue(message) ?? SupportedVersion;
            if (version <= SupportedVersion)
            {
                return message;
            }
            problem = $"message version {version} is newer than this app understands ({SupportedVersion})";
        }
        catch (InvalidMessageException ex)
        {
            problem = ex.Message;
        }
        logger.LogError("Unprocessable message on {Queue} moved to {PoisonQueue}: {Problem}", queueName, QueueNames.Poison(queueName), problem);
        await queue.EnqueueAsync(QueueNames.Poison(queueName), body, null, cancellationToken);
        return null;
    }
}

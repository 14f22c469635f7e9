using System.Globalization;
using Alerts.Core.Posting;

namespace Alerts.Cli.Running;

/// <summary>
/// Without a bot token, <c>alerts run</c> prints each post exactly as it would be sent, instead of
/// sending it. Message ids are counted locally so edits and replies print against the right post.
/// </summary>
public sealed class DryRunSender(CliContext context) : IChannelSender
{
    private long _nextId;
    private readonly object _gate = new();

    public Task<SendOutcome> SendAsync(OutgoingPost post, CancellationToken cancellationToken = default)
    {
        var id = Interlocked.Increment(ref _nextId);
        var header = post.ReplyToMessageId is { } reply
            ? $"--- dry run: reply to message {reply.ToString(CultureInfo.InvariantCulture)} in {post.ChatId} ---"
            : $"--- dry run: post to {post.ChatId} ---";
        Write(header, post.Html);
        return Task.FromResult(SendOutcome.Sent(id));
    }

    public Task<SendOutcome> EditAsync(OutgoingPost post, long messageId, CancellationToken cancellationToken = default)
    {
        Write($"--- dry run: edit message {messageId.ToString(CultureInfo.InvariantCulture)} in {post.ChatId} ---", post.Html);
        return Task.FromResult(SendOutcome.Sent(messageId));
    }

    private void Write(string header, string html)
    {
        lock (_gate)
        {
            context.Output.WriteLine(header);
            context.Output.WriteLine(html);
            context.Output.WriteLine();
        }
    }
}

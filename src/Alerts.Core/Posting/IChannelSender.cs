namespace Alerts.Core.Posting;

/// <summary>Posts to a chat. The Telegram adapter implements it; the dry run prints instead.</summary>
public interface IChannelSender
{
    /// <summary>Posts a new message and returns its message id.</summary>
    Task<SendOutcome> SendAsync(OutgoingPost post, CancellationToken cancellationToken = default);

    /// <summary>Replaces the text of a message posted before.</summary>
    Task<SendOutcome> EditAsync(OutgoingPost post, long messageId, CancellationToken cancellationToken = default);

    /// <summary>
    /// A harmless call (no post) that tells whether Telegram answers at all; asked before the next real send after
    /// Telegram was unreachable or left a request unanswered.
    /// </summary>
    Task<bool> ProbeAsync(CancellationToken cancellationToken = default) => Task.FromResult(true);
}

/// <summary>A post ready to send: HTML text valid for Telegram (already split to its length limit).</summary>
public sealed record OutgoingPost(string ChatId, string Html, bool DisableLinkPreview = true, long? ReplyToMessageId = null);

public enum SendStatus
{
    /// <summary>Posted; <see cref="SendOutcome.MessageId"/> is set.</summary>
    Sent,
    /// <summary>Telegram asked to wait (<see cref="SendOutcome.RetryAfter"/>); try again later.</summary>
    RetryLater,
    /// <summary>The bot can no longer post there (kicked, not a member, chat not found): disable the channel.</summary>
    ChannelGone,
    /// <summary>The chat became a supergroup: <see cref="SendOutcome.MigratedToChatId"/> is the new id.</summary>
    ChatMigrated,
    /// <summary>Telegram refused the HTML entities: send as plain text instead.</summary>
    BadMarkup,
    /// <summary>The request left but no answer came back: it may or may not have been posted.</summary>
    Unknown,
    /// <summary>The request never reached Telegram (connection refused or timed out, request not written): sending again cannot duplicate.</summary>
    NotSent,
    /// <summary>Any other refusal; not worth retrying.</summary>
    Failed,
}

public sealed record SendOutcome(SendStatus Status, long? MessageId = null, TimeSpan? RetryAfter = null, string? MigratedToChatId = null, string? Error = null)
{
    public static SendOutcome Sent(long messageId) => new(SendStatus.Sent, messageId);
}

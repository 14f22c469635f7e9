namespace Alerts.Core.Posting;

/// <summary>What the host does with a delivery message after <see cref="DeliverStage"/> ran it.</summary>
public abstract record DeliveryResult
{
    private DeliveryResult()
    {
    }

    /// <summary>Posted (or edited) now; complete the message. <paramref name="MessageIds"/> are the Telegram messages sent or edited.</summary>
    public sealed record Delivered(IReadOnlyList<long> MessageIds) : DeliveryResult;

    /// <summary>The ledger says it was delivered before (a redelivered queue message); complete it, nothing was sent.</summary>
    public sealed record AlreadyDelivered : DeliveryResult;

    /// <summary>
    /// Not now: re-enqueue <c>delivery with { Attempt = n + 1 }</c> with visibility delay <paramref name="After"/> and
    /// complete this message, so the wait does not burn the queue's dequeue count.
    /// </summary>
    public sealed record Retry(TimeSpan After, string Reason) : DeliveryResult;

    /// <summary>
    /// A request left and no answer came: it may be posted. The ledger keeps it as <c>unknown</c>, listed by
    /// <c>alerts deliveries list</c> and <c>alerts health</c> until an operator releases or drops it; complete the message.
    /// </summary>
    public sealed record Held(string Reason) : DeliveryResult;

    /// <summary>Nothing to send and nothing lost (a newer revision is shown already); complete the message.</summary>
    public sealed record Skipped(string Reason) : DeliveryResult;

    /// <summary>Will never go out (channel disabled, unknown outcome held, refused); complete it, or poison it when <paramref name="Poison"/>.</summary>
    public sealed record Dropped(string Reason, bool Poison = false) : DeliveryResult;
}

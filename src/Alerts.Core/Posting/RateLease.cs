namespace Alerts.Core.Posting;

/// <summary>
/// A send slot from <see cref="DeliveryRateLimiter.AcquireAsync"/>. When <see cref="Granted"/>, make the call,
/// then dispose the lease: the slot is counted from the answer and the chat is free for the next send.
/// </summary>
public sealed class RateLease : IDisposable
{
    private readonly DeliveryRateLimiter _limiter;
    private SemaphoreSlim? _chat;

    internal RateLease(DeliveryRateLimiter limiter, SemaphoreSlim? chat, string chatId, string channelId, RateReservation reservation)
    {
        _limiter = limiter;
        _chat = chat;
        ChatId = chatId;
        ChannelId = channelId;
        Reservation = reservation;
    }

    public string ChatId { get; }
    public string ChannelId { get; }
    public RateReservation Reservation { get; }
    public bool Granted => Reservation.Granted;

    /// <summary>How long until a slot is free, when not granted.</summary>
    public TimeSpan Wait => Reservation.Wait;

    public void Dispose()
    {
        var chat = Interlocked.Exchange(ref _chat, null);
        if (chat is null)
        {
            return;
        }
        _limiter.Settle(ChatId, ChannelId, Reservation);
        chat.Release();
    }
}

namespace DialogueBot.BotFramework.Hosting;

/// <summary>Limits and hooks of the inbound endpoint. Bound from "Bot:Hosting".</summary>
public sealed class BotHostingOptions
{
    /// <summary>
    /// The largest inbound activity accepted. Teams caps a message at about 100 KB of UTF-16; an activity
    /// with a full card submit stays well under 256 KB, so anything bigger is refused with 413 unread.
    /// </summary>
    public int MaxRequestBytes { get; set; } = 256 * 1024;

    /// <summary>Seconds a caller is asked to wait (Retry-After) when storage or the network is briefly down.</summary>
    public int TransientRetryAfterSeconds { get; set; } = 5;

    /// <summary>
    /// Which exceptions mean "the infrastructure is briefly unavailable" (answered 503 with Retry-After so
    /// the channel retries) rather than a bug. The host adds its storage client's failures.
    /// </summary>
    public List<Func<Exception, bool>> TransientFailurePredicates { get; } = [];
}

namespace DialogueBot.Conversations.Budget;

/// <summary>
/// Teams' per-conversation limits for one bot (7 sends a second, 8 in 2 s, 60 in 30 s, 1800 an hour), kept
/// in this instance: a 1:1 chat's sends come from one fan-out item at a time, so they seldom meet across
/// instances, and the tenant budget already bounds the total. A send waits for the first moment every window
/// has room; times are the real clock's.
/// </summary>
public sealed class ConversationRateLimits
{
    private static readonly (TimeSpan Window, int Max)[] Limits =
    [
        (TimeSpan.FromSeconds(1), 7),
        (TimeSpan.FromSeconds(2), 8),
        (TimeSpan.FromSeconds(30), 60),
        (TimeSpan.FromHours(1), 1800),
    ];

    private const int MaxTracked = 20_000;

    private readonly Dictionary<string, Queue<DateTimeOffset>> _sends = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock = TimeProvider.System;

    /// <summary>Waits until a send to <paramref name="conversationId"/> fits every window, then counts it.</summary>
    public async Task WaitTurnAsync(string conversationId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var wait = TryTake(conversationId, _clock.GetUtcNow());
            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(wait, cancellationToken);
        }
    }

    /// <summary>Zero when the send was counted now; otherwise how long until it could be.</summary>
    public TimeSpan TryTake(string conversationId, DateTimeOffset now)
    {
        lock (_sends)
        {
            if (!_sends.TryGetValue(conversationId, out var times))
            {
                if (_sends.Count >= MaxTracked)
                {
                    Forget(now);
                }

                _sends[conversationId] = times = new Queue<DateTimeOffset>();
            }

            while (times.Count > 0 && now - times.Peek() >= Limits[^1].Window)
            {
                times.Dequeue();
            }

            var wait = TimeSpan.Zero;
            var recent = times.ToArray();
            foreach (var (window, max) in Limits)
            {
                var inWindow = recent.Where(t => now - t < window).ToArray();
                if (inWindow.Length >= max)
                {
                    // The window has room again when its oldest counted send leaves it.
                    var free = inWindow[^max] + window - now;
                    wait = free > wait ? free : wait;
                }
            }

            if (wait > TimeSpan.Zero)
            {
                return wait;
            }

            times.Enqueue(now);
            return TimeSpan.Zero;
        }
    }

    private void Forget(DateTimeOffset now)
    {
        foreach (var (key, times) in _sends.Where(e => e.Value.Count == 0 || now - e.Value.Last() >= Limits[^1].Window).ToList())
        {
            _sends.Remove(key);
        }
    }
}

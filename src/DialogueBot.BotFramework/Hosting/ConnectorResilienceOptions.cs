namespace DialogueBot.BotFramework.Hosting;

/// <summary>Retry behaviour of Connector calls. Bound from "Bot:Connector".</summary>
public sealed class ConnectorResilienceOptions
{
    public int MaxRetryAttempts { get; set; } = 4;

    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest Retry-After the client waits out in-line. A longer one is handed back to the caller as a
    /// throttling failure, so a queue worker can park the message instead of holding a thread for minutes.
    /// </summary>
    public TimeSpan MaxInlineRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(20);

    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(2);
}

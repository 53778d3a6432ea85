namespace DialogueBot.Pulse.Lifecycle;

/// <summary>The pulse feature's background work. Keys and payloads are sealed at rest (WorkSeal); per-person ledger rows are purged when the run is published.</summary>
public static class PulseWorkKinds
{
    public const string Open = "pulse.open";
    public const string Fanout = "pulse.fanout";
    public const string Deliver = "pulse.deliver";
    public const string Flush = "pulse.flush";
    public const string Remind = "pulse.remind";
    public const string Reminder = "pulse.reminder";
    public const string Close = "pulse.close";
}

public sealed record RunPayload(string RunId);

public sealed record PersonPayload(string RunId, string PersonId, bool Reminder = false);

namespace DialogueBot.Loop;

/// <summary>The Loop feature's background work. Keys are scoped by the thread id or the subject (run or town-hall id); queue messages are sealed (WorkSeal).</summary>
public static class LoopWorkKinds
{
    /// <summary>One thread message to the other side (author or leader). Key: thread id . message id.</summary>
    public const string Relay = "loop.relay";

    /// <summary>A summary or an action change: one <see cref="Notify"/> per audience member.</summary>
    public const string Fanout = "loop.fanout";

    /// <summary>One summary or action-change card to one person.</summary>
    public const string Notify = "loop.notify";

    /// <summary>An action fell due: its owner hears once if it is not done or dropped.</summary>
    public const string Overdue = "loop.overdue";
}

public sealed record RelayPayload(string Scope, string ThreadId, string MessageId);

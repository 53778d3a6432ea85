using DialogueBot.Pulse.Definitions;
using DialogueBot.Pulse.Runs;

namespace DialogueBot.Pulse.Answering;

/// <summary>What a press on a pulse card came to.</summary>
public enum AnswerOutcome
{
    /// <summary>Answer: recorded once (the receipt). Refresh: still waiting for this person's answer (the pulse card again).</summary>
    Ready,
    /// <summary>The answers need fixing: the card comes back with what was typed and a problem per question.</summary>
    Invalid,
    Unknown,
    Stale,
    NotInAudience,
    Closed,
    AlreadyAnswered,
}

/// <summary>The outcome of a press, with what the card needs to say it. Definition and run are set unless the pulse is unknown or the card stale.</summary>
public sealed record AnswerResult(AnswerOutcome Outcome, PulseDefinition? Definition = null, PulseRun? Run = null)
{
    /// <summary>Invalid: the values to put back on the card, and the problem per question id.</summary>
    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Errors { get; init; } = new Dictionary<string, string>();

    /// <summary>Ready (answer): the person's time zone, for when results open on the receipt.</summary>
    public TimeZoneInfo Zone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>Ready (refresh): the card is a reminder card, so its refresh keeps the reminder line.</summary>
    public bool Reminder { get; init; }

    public static AnswerResult Refused(AnswerOutcome outcome, PulseDefinition? definition = null, PulseRun? run = null) => new(outcome, definition, run);
}

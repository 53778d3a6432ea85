using DialogueBot.Pulse.Model;

namespace DialogueBot.Pulse.Definitions;

/// <summary>A pulse as defined: title, questions, audience, schedule. Holds no identity (not even the creator's).</summary>
public sealed record PulseDefinition(
    string Id,
    string Title,
    IReadOnlyList<PulseQuestion> Questions,
    PulseAudience Audience,
    string? Recurrence,
    TimeSpan OpenFor,
    DateTimeOffset FirstOpensAt)
{
    /// <summary>A new pulse from a valid draft: every run stays open as long as the first.</summary>
    public static PulseDefinition Create(string id, ValidPulse pulse) =>
        new(id, pulse.Title, pulse.Questions, pulse.Audience, pulse.Recurrence, pulse.ClosesAt - pulse.OpensAt, pulse.OpensAt);
}

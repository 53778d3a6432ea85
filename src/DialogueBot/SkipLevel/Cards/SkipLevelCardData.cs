using System.Globalization;
using System.Text.Json.Serialization;
using DialogueBot.SkipLevel.Pairs;
using DialogueBot.SkipLevel.Programmes;

namespace DialogueBot.SkipLevel.Cards;

// The data of every skip-level card verb that carries any, one record per verb: written by the cards as the
// action's Data (Teams adds the inputs) and read by SkipLevelRoutes with DataAs<T>(); a missing or invalid
// field comes back named, for a problem card. Org-chart and programme ids only: the pair is known to both.

/// <summary>What every pair verb carries: which pair. The caller's side is worked out from the org chart, never sent.</summary>
public abstract record PairActionData(string ProgrammeId, int Cycle, string PairId)
{
    [JsonIgnore]
    public PairKey Key => new(ProgrammeId, Cycle, PairId);
}

/// <summary>skiplevel.participation: pause, opt out of, or resume the programme, from one's own pair card.</summary>
public sealed record ParticipationData(string ProgrammeId, int Cycle, string PairId, ParticipationChoice Choice) : PairActionData(ProgrammeId, Cycle, PairId);

/// <summary>skiplevel.confirm.</summary>
public sealed record ConfirmData(string ProgrammeId, int Cycle, string PairId) : PairActionData(ProgrammeId, Cycle, PairId);

/// <summary>skiplevel.reschedule: the week chosen (yyyy-MM-dd, a Monday of the cycle).</summary>
public sealed record RescheduleData(string ProgrammeId, int Cycle, string PairId, string? Week = null) : PairActionData(ProgrammeId, Cycle, PairId);

/// <summary>skiplevel.decline: why (for the two of them only).</summary>
public sealed record DeclineData(string ProgrammeId, int Cycle, string PairId, string? Reason = null) : PairActionData(ProgrammeId, Cycle, PairId);

/// <summary>skiplevel.agenda: the leader's item.</summary>
public sealed record AgendaData(string ProgrammeId, int Cycle, string PairId, string? Item = null) : PairActionData(ProgrammeId, Cycle, PairId);

/// <summary>skiplevel.followup: did it happen ("yes"/"no"), and one thing the side will act on.</summary>
public sealed record FollowUpData(string ProgrammeId, int Cycle, string PairId, PairHappened? Happened = null, string? ActOn = null) : PairActionData(ProgrammeId, Cycle, PairId);

/// <summary>skiplevel.notes: read both sides' follow-ups.</summary>
public sealed record NotesData(string ProgrammeId, int Cycle, string PairId) : PairActionData(ProgrammeId, Cycle, PairId);

/// <summary>skiplevel.preview: the programme whose next cycle to plan.</summary>
public sealed record PreviewData(string ProgrammeId);

/// <summary>skiplevel.launch: the programme and the cycle the preview showed (so a repeated press launches nothing more).</summary>
public sealed record LaunchData(string ProgrammeId, int? Cycle = null);

/// <summary>
/// skiplevel.create: the form's inputs, as typed (strings, a multi-select as "a,b"), so the form can come back
/// with them and its errors. The service's validator checks them, naming each field.
/// </summary>
public sealed record CreateProgrammeData(
    string? Name = null,
    string? ScopeUnits = null,
    string? Leaders = null,
    string? CadenceWeeks = null,
    string? MeetingMinutes = null,
    string? StartDate = null,
    string? EndDate = null,
    string? PerWeekCap = null,
    string? TimeZone = null)
{
    public ProgrammeFormValues Values => new(Name, ScopeUnits, Leaders, CadenceWeeks, MeetingMinutes, StartDate, EndDate, PerWeekCap, TimeZone);

    /// <summary>The request the API also takes: "executives" and level numbers from the leaders choice; a number that is not one stays unset or invalid for the validator.</summary>
    public ProgrammeRequest ToRequest()
    {
        var leaders = Split(Leaders);
        return new ProgrammeRequest
        {
            Name = Name,
            ScopeUnits = Split(ScopeUnits),
            ExecutivesLead = leaders.Contains("executives"),
            LeaderLevels = leaders.Where(l => l != "executives").Select(l => int.TryParse(l, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : -1).ToList(),
            CadenceWeeks = Int(CadenceWeeks),
            MeetingMinutes = Int(MeetingMinutes),
            StartDate = StartDate,
            EndDate = EndDate,
            PerWeekCap = Int(PerWeekCap),
            TimeZone = TimeZone,
        };
    }

    private static List<string> Split(string? joined) => (joined ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static int? Int(string? text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n is >= int.MinValue and <= int.MaxValue ? (int)n : null;
}

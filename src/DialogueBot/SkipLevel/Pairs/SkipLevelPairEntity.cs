using System.Globalization;
using System.Runtime.Serialization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using DialogueBot.SkipLevel.Planning;

namespace DialogueBot.SkipLevel.Pairs;

/// <summary>
/// One leader–manager pair in one cycle. Partition: programme and cycle; row: a stable pair id. Holds
/// org-chart ids (not anonymous data: both people know they meet), the suggested week, the state, the
/// leader's agenda items and each side's follow-up, which only the two of them can read.
/// </summary>
public sealed partial class SkipLevelPairEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    /// <summary>The pair id (<see cref="PairId"/>).</summary>
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string ProgrammeId { get; set; } = "";
    public int Cycle { get; set; }
    public string LeaderId { get; set; } = "";
    public string ManagerId { get; set; } = "";
    /// <summary>yyyy-MM-dd, the Monday of the suggested week.</summary>
    public string Week { get; set; } = "";
    /// <summary>The state as stored (the column keeps its name and its lowercase words); code reads <see cref="State"/>.</summary>
    [DataMember(Name = "State")]
    public string StoredState { get; set; } = PairStates.ToStored(PairState.Proposed);

    [IgnoreDataMember]
    public PairState State
    {
        get => PairStates.FromStored(StoredState);
        set => StoredState = PairStates.ToStored(value);
    }

    /// <summary>The pairing rule as stored: "two-levels", or "nearest-below" (the fallback for uneven trees).</summary>
    [DataMember(Name = "Rule")]
    public string StoredRule { get; set; } = "";

    [IgnoreDataMember]
    public PairingRule Rule
    {
        get => PairingRules.FromStored(StoredRule);
        set => StoredRule = PairingRules.ToStored(value);
    }
    /// <summary>Which sides confirmed the current week: "leader", "manager", or both separated by ';'.</summary>
    public string ConfirmedBy { get; set; } = "";
    /// <summary>The side that declined, and why (shown to the pair only).</summary>
    public string? DeclinedBy { get; set; }
    public string? DeclineReason { get; set; }
    /// <summary>JSON array of agenda items the leader added.</summary>
    public string AgendaJson { get; set; } = "[]";
    public string? LeaderHappened { get; set; }
    public string? LeaderFollowUp { get; set; }
    public string? ManagerHappened { get; set; }
    public string? ManagerFollowUp { get; set; }

    [IgnoreDataMember]
    public string PairId => RowKey;

    [IgnoreDataMember]
    public DateOnly WeekDate => DateOnly.ParseExact(Week, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [IgnoreDataMember]
    public IReadOnlyList<string> Agenda => JsonSerializer.Deserialize<List<string>>(AgendaJson) ?? [];

    public void SetAgenda(IReadOnlyList<string> items) => AgendaJson = JsonSerializer.Serialize(items);

    public string? PersonOn(string side) => side switch
    {
        PairSide.Leader => LeaderId,
        PairSide.Manager => ManagerId,
        _ => null,
    };

    /// <summary>The side <paramref name="personId"/> is on, or null when they are not in this pair.</summary>
    public string? SideOf(string? personId) =>
        personId is null ? null
        : string.Equals(personId, LeaderId, StringComparison.OrdinalIgnoreCase) ? PairSide.Leader
        : string.Equals(personId, ManagerId, StringComparison.OrdinalIgnoreCase) ? PairSide.Manager
        : null;

    [IgnoreDataMember]
    public bool IsOpen => State.IsOpen();

    public static string PartitionFor(string programmeId, int cycle) => $"{programmeId}-c{cycle.ToString("000", CultureInfo.InvariantCulture)}";

    /// <summary>Stable and free of characters table keys forbid, whatever the org-chart ids look like.</summary>
    public static string PairIdFor(string leaderId, string managerId) =>
        "p" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(leaderId.ToLowerInvariant() + "\n" + managerId.ToLowerInvariant())))[..16];
}

/// <summary>Where a pair is: open (proposed, confirmed, rescheduled) or closed (declined, done, missed).</summary>
public enum PairState
{
    [JsonStringEnumMemberName("proposed")]
    Proposed,
    [JsonStringEnumMemberName("confirmed")]
    Confirmed,
    [JsonStringEnumMemberName("rescheduled")]
    Rescheduled,
    [JsonStringEnumMemberName("declined")]
    Declined,
    [JsonStringEnumMemberName("done")]
    Done,
    [JsonStringEnumMemberName("missed")]
    Missed,
}

/// <summary>The storage words of <see cref="PairState"/> (also in work keys), spelled out so a member rename never changes them.</summary>
public static class PairStates
{
    public static string ToStored(PairState state) => state switch
    {
        PairState.Proposed => "proposed",
        PairState.Confirmed => "confirmed",
        PairState.Rescheduled => "rescheduled",
        PairState.Declined => "declined",
        PairState.Done => "done",
        PairState.Missed => "missed",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Not a pair state."),
    };

    public static PairState FromStored(string? stored) => stored switch
    {
        "proposed" => PairState.Proposed,
        "confirmed" => PairState.Confirmed,
        "rescheduled" => PairState.Rescheduled,
        "declined" => PairState.Declined,
        "done" => PairState.Done,
        "missed" => PairState.Missed,
        _ => throw new InvalidDataException($"'{stored}' is not a stored pair state."),
    };

    /// <summary>Open pairs can still be confirmed, moved or declined.</summary>
    public static bool IsOpen(this PairState state) => state is PairState.Proposed or PairState.Confirmed or PairState.Rescheduled;
}

/// <summary>The storage (and API) words of <see cref="PairingRule"/>.</summary>
public static class PairingRules
{
    public static string ToStored(PairingRule rule) => rule == PairingRule.TwoLevelsBelow ? "two-levels" : "nearest-below";

    /// <summary>Anything but "two-levels" reads as the fallback, so a card never claims two levels it cannot vouch for.</summary>
    public static PairingRule FromStored(string? stored) => stored == "two-levels" ? PairingRule.TwoLevelsBelow : PairingRule.NearestBelow;
}

public static class PairSide
{
    public const string Leader = "leader";
    public const string Manager = "manager";

    public static string Other(string side) => side == Leader ? Manager : Leader;

    public static bool IsValid(string? side) => side is Leader or Manager;
}

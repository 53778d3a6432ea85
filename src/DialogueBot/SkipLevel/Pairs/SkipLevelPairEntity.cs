using System.Globalization;
using System.Runtime.Serialization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace DialogueBot.SkipLevel.Pairs;

/// <summary>
/// One leader–manager pair in one cycle. Partition: programme and cycle; row: a stable pair id. Holds
/// org-chart ids (not anonymous data: both people know they meet), the suggested week, the state, the
/// leader's agenda items and each side's follow-up, which only the two of them can read.
/// </summary>
public sealed class SkipLevelPairEntity : ITableEntity
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
    public string State { get; set; } = PairState.Proposed;
    /// <summary>"two-levels" or "nearest-below" (the fallback for uneven trees).</summary>
    public string Rule { get; set; } = "";
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
    public bool IsOpen => State is PairState.Proposed or PairState.Confirmed or PairState.Rescheduled;

    public static string PartitionFor(string programmeId, int cycle) => $"{programmeId}-c{cycle.ToString("000", CultureInfo.InvariantCulture)}";

    /// <summary>Stable and free of characters table keys forbid, whatever the org-chart ids look like.</summary>
    public static string PairIdFor(string leaderId, string managerId) =>
        "p" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(leaderId.ToLowerInvariant() + "\n" + managerId.ToLowerInvariant())))[..16];
}

public static class PairState
{
    public const string Proposed = "proposed";
    public const string Confirmed = "confirmed";
    public const string Rescheduled = "rescheduled";
    public const string Declined = "declined";
    public const string Done = "done";
    public const string Missed = "missed";
}

public static class PairSide
{
    public const string Leader = "leader";
    public const string Manager = "manager";

    public static string Other(string side) => side == Leader ? Manager : Leader;

    public static bool IsValid(string? side) => side is Leader or Manager;
}

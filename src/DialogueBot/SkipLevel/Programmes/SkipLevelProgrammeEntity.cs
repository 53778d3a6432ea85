using System.Globalization;
using System.Runtime.Serialization;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using DialogueBot.SkipLevel.Planning;

namespace DialogueBot.SkipLevel.Programmes;

/// <summary>A skip-level programme as HR set it up. Holds org-chart ids and settings only.</summary>
public sealed class SkipLevelProgrammeEntity : ITableEntity
{
    public const string Partition = "programme";

    public string PartitionKey { get; set; } = Partition;
    /// <summary>The programme id.</summary>
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Name { get; set; } = "";
    /// <summary>Org units separated by ';' (empty: everyone).</summary>
    public string ScopeUnits { get; set; } = "";
    public bool ExecutivesLead { get; set; }
    /// <summary>Leader levels separated by ';'.</summary>
    public string LeaderLevels { get; set; } = "";
    public int CadenceWeeks { get; set; }
    public int MeetingMinutes { get; set; }
    /// <summary>yyyy-MM-dd, a Monday.</summary>
    public string StartWeek { get; set; } = "";
    /// <summary>yyyy-MM-dd.</summary>
    public string EndDate { get; set; } = "";
    public int PerWeekCap { get; set; }
    public string TimeZone { get; set; } = "";
    /// <summary>The org-chart id of the HR person who created it.</summary>
    public string CreatedBy { get; set; } = "";
    /// <summary>The last cycle launched (0: still a draft).</summary>
    public int LaunchedCycle { get; set; }

    /// <summary>Who paused or opted out ("p12=Paused;p13=OptedOut"), as they chose on their pair cards; see <see cref="ParticipationRules"/>.</summary>
    public string Participation { get; set; } = "";

    public Participation ParticipationOf(string? personId) =>
        personId is not null && ParticipationRules.Parse(Participation).TryGetValue(personId, out var p) ? p : SkipLevel.Programmes.Participation.Active;

    [IgnoreDataMember]
    public string Id => RowKey;

    /// <summary>Where the programme is, derived from the last cycle launched (never stored).</summary>
    [IgnoreDataMember]
    public ProgrammeState State =>
        LaunchedCycle == 0 ? ProgrammeState.Draft : LaunchedCycle >= ToRules().CycleCount ? ProgrammeState.Complete : ProgrammeState.Running;

    public ProgrammeRules ToRules() => new()
    {
        ScopeUnits = Split(ScopeUnits),
        ExecutivesLead = ExecutivesLead,
        LeaderLevels = Split(LeaderLevels).Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToList(),
        CadenceWeeks = CadenceWeeks,
        StartWeek = ParseDate(StartWeek),
        EndDate = ParseDate(EndDate),
        PerWeekCap = PerWeekCap,
        LeftOut = ParticipationRules.Parse(Participation),
    };

    public static string FormatDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly ParseDate(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static List<string> Split(string joined) => joined.Split(';', StringSplitOptions.RemoveEmptyEntries).ToList();
}

/// <summary>A programme's stage: a draft nothing was sent for, running (cycles left to launch), or complete (every cycle launched).</summary>
public enum ProgrammeState
{
    [JsonStringEnumMemberName("draft")]
    Draft,
    [JsonStringEnumMemberName("running")]
    Running,
    [JsonStringEnumMemberName("complete")]
    Complete,
}

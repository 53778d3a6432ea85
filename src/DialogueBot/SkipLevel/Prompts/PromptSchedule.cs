using System.Globalization;
using DialogueBot.SkipLevel.Pairs;

namespace DialogueBot.SkipLevel.Prompts;

/// <summary>
/// When each side hears about a pair, and the job keys for it. Keys hold the programme id, cycle, pair id
/// and side (no personal data); reminder and follow-up keys also hold the week, so a rescheduled pair gets
/// fresh ones while the work ledger still runs each old key at most once.
/// </summary>
public static class PromptSchedule
{
    private static readonly TimeOnly MorningLocal = new(9, 0);

    /// <summary>The Monday of the week before the suggested week.</summary>
    public static DateOnly PromptDay(DateOnly week) => week.AddDays(-7);

    /// <summary>The Thursday before the suggested week.</summary>
    public static DateOnly ReminderDay(DateOnly week) => week.AddDays(-4);

    /// <summary>The Monday after the suggested week.</summary>
    public static DateOnly FollowUpDay(DateOnly week) => week.AddDays(7);

    /// <summary>09:00 on that day in the programme's time zone, as an instant.</summary>
    public static DateTimeOffset MorningOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(MorningLocal, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    public static string PromptKey(SkipLevelPairEntity pair, string side) => $"slp-{pair.PartitionKey}-{pair.PairId}-{side}";

    public static string ReminderKey(SkipLevelPairEntity pair, string side) => $"slr-{pair.PartitionKey}-{pair.PairId}-{side}-{Compact(pair.Week)}";

    public static string FollowUpKey(SkipLevelPairEntity pair, string side) => $"slf-{pair.PartitionKey}-{pair.PairId}-{side}-{Compact(pair.Week)}";

    /// <summary>One notice per change: the state and week make the key.</summary>
    public static string NotifyKey(SkipLevelPairEntity pair, string side) => $"sln-{pair.PartitionKey}-{pair.PairId}-{side}-{pair.StoredState}-{Compact(pair.Week)}";

    /// <summary>One notice per agenda item: the number of items makes the key (a state-and-week key would run once for all of them).</summary>
    public static string AgendaNoticeKey(SkipLevelPairEntity pair, string side) => $"sla-{pair.PartitionKey}-{pair.PairId}-{side}-{pair.Agenda.Count.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Whether the Thursday reminder ("your skip-level is next week") is still to come. When its time is past
    /// (a pair planned close to its week, a late launch, a move to a near week), it would arrive together
    /// with the prompt or the change notice, which already say the same: it is not scheduled.
    /// </summary>
    public static bool RemindsLater(DateOnly week, DateTimeOffset now, TimeZoneInfo zone) => MorningOf(ReminderDay(week), zone) > now;

    /// <summary>The first week a plan may use: the current one (a week already over is never planned, and never followed up at launch).</summary>
    public static DateOnly FirstPlannableWeek(DateOnly today) => Planning.ProgrammeRules.MondayOf(today);

    public static string CycleKey(string programmeId, int cycle) => $"slc-{programmeId}-c{cycle.ToString("000", CultureInfo.InvariantCulture)}";

    private static string Compact(string week) => week.Replace("-", "", StringComparison.Ordinal);
}

/// <summary>The payload of every skip-level work item: ids only.</summary>
public sealed record PairMessage(string ProgrammeId, int Cycle, string PairId, string Side, string Week);

public sealed record CycleMessage(string ProgrammeId, int Cycle);

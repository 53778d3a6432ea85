using DialogueBot.Infrastructure.Scheduling;
using DialogueBot.Org;
using DialogueBot.SkipLevel.Pairs;
using DialogueBot.SkipLevel.Planning;
using DialogueBot.SkipLevel.Programmes;
using DialogueBot.SkipLevel.Prompts;
using Microsoft.Extensions.Options;

namespace DialogueBot.SkipLevel;

/// <summary>
/// Programme life cycle: create, preview the next cycle, launch it (write its pairs, schedule the prompts
/// and the next cycle). Launching is idempotent: pairs are inserted once, jobs are upserted under stable
/// keys and the work ledger sends each prompt once, so a repeated or concurrent launch changes nothing.
/// </summary>
public sealed class SkipLevelService(
    SkipLevelProgrammeRepository programmes,
    SkipLevelPairRepository pairs,
    OrgDirectory directory,
    Scheduler scheduler,
    IOptions<OrgOptions> orgOptions,
    TimeProvider time)
{
    public DateOnly Today(SkipLevelProgrammeEntity? programme = null) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), ZoneOf(programme)).DateTime);

    public TimeZoneInfo ZoneOf(SkipLevelProgrammeEntity? programme)
    {
        var id = programme?.TimeZone is { Length: > 0 } own ? own : orgOptions.Value.TimeZone;
        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
    }

    public Task<SkipLevelProgrammeEntity?> FindAsync(string? programmeId, CancellationToken cancellationToken) =>
        programmes.FindAsync(programmeId ?? "", cancellationToken);

    public async Task<IReadOnlyList<SkipLevelProgrammeEntity>> ListAsync(CancellationToken cancellationToken) =>
        (await programmes.ListAsync(cancellationToken)).OrderBy(p => p.Id, StringComparer.Ordinal).ToList();

    /// <summary>HR's view of one programme: completion per leader and the overdue pairs, as of today in its time zone.</summary>
    public async Task<ProgrammeStatus> StatusAsync(SkipLevelProgrammeEntity programme, CancellationToken cancellationToken) =>
        ProgrammeStatus.From(programme, await pairs.ListProgrammeAsync(programme.Id, cancellationToken), await directory.GetAsync(cancellationToken), Today(programme));

    /// <summary>The status of the latest <paramref name="max"/> programmes, by start week.</summary>
    public async Task<IReadOnlyList<ProgrammeStatus>> LatestStatusesAsync(int max, CancellationToken cancellationToken)
    {
        var latest = (await programmes.ListAsync(cancellationToken)).OrderBy(p => p.StartWeek, StringComparer.Ordinal).ThenBy(p => p.Id, StringComparer.Ordinal).TakeLast(max);
        var statuses = new List<ProgrammeStatus>();
        foreach (var programme in latest)
        {
            statuses.Add(await StatusAsync(programme, cancellationToken));
        }

        return statuses;
    }

    public async Task<(SkipLevelProgrammeEntity? Programme, Dictionary<string, string[]> Errors)> CreateAsync(ProgrammeRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var org = await directory.GetAsync(cancellationToken);
        var errors = ProgrammeValidator.Validate(request, org, Today(), out var programme);
        if (programme is null)
        {
            return (null, errors);
        }

        programme.CreatedBy = caller.Person?.Id ?? "";
        await programmes.AddAsync(programme, cancellationToken);
        return (programme, errors);
    }

    /// <summary>Other programmes over the same people in the same weeks (see <see cref="ProgrammeOverlap"/>).</summary>
    public async Task<IReadOnlyList<string>> OverlapWarningsAsync(SkipLevelProgrammeEntity programme, CancellationToken cancellationToken) =>
        ProgrammeOverlap.Warnings(programme, await programmes.ListAsync(cancellationToken));

    /// <summary>The plan for the programme's next cycle, from the current org chart and past cycles.</summary>
    public async Task<SkipLevelPlan> PreviewAsync(SkipLevelProgrammeEntity programme, CancellationToken cancellationToken) =>
        await PlanAsync(programme, programme.LaunchedCycle + 1, cancellationToken);

    /// <summary>A cycle's plan, in weeks from the current one on: a programme started in the past never plans a week already over.</summary>
    public async Task<SkipLevelPlan> PlanAsync(SkipLevelProgrammeEntity programme, int cycle, CancellationToken cancellationToken)
    {
        var org = await directory.GetAsync(cancellationToken);
        var history = (await pairs.ListProgrammeAsync(programme.Id, cancellationToken))
            .Where(p => p.Cycle < cycle && p.State is not (PairState.Declined or PairState.Missed))
            .Select(p => new PastMeeting(p.LeaderId, p.ManagerId, p.WeekDate));
        return PairingPlanner.Plan(org, programme.ToRules(), cycle, history, PromptSchedule.FirstPlannableWeek(Today(programme)));
    }

    /// <summary>Launches <paramref name="cycle"/> (the next one when null). Null plan with a reason when it cannot.</summary>
    public async Task<LaunchResult> LaunchAsync(string programmeId, int? cycle, CancellationToken cancellationToken)
    {
        var programme = await programmes.FindAsync(programmeId, cancellationToken);
        if (programme is null)
        {
            return new LaunchResult(null, null, "There is no such programme.");
        }

        var next = cycle ?? programme.LaunchedCycle + 1;
        if (next <= programme.LaunchedCycle)
        {
            return new LaunchResult(programme, null, $"Cycle {next} was launched already.");
        }

        if (next != programme.LaunchedCycle + 1)
        {
            return new LaunchResult(programme, null, $"Cycle {programme.LaunchedCycle + 1} comes first.");
        }

        var rules = programme.ToRules();
        if (next > rules.CycleCount)
        {
            return new LaunchResult(programme, null, "The programme's window has no more cycles.");
        }

        var plan = await PlanAsync(programme, next, cancellationToken);
        var zone = ZoneOf(programme);
        foreach (var planned in plan.Pairs)
        {
            var pair = new SkipLevelPairEntity
            {
                PartitionKey = SkipLevelPairEntity.PartitionFor(programme.Id, next),
                RowKey = SkipLevelPairEntity.PairIdFor(planned.LeaderId, planned.ManagerId),
                ProgrammeId = programme.Id,
                Cycle = next,
                LeaderId = planned.LeaderId,
                ManagerId = planned.ManagerId,
                Week = SkipLevelProgrammeEntity.FormatDate(planned.Week),
                Rule = planned.Rule,
            };
            // A repeated launch finds the pair written already: schedule from what it holds now (its week may have moved).
            var stored = await pairs.TryAddAsync(pair, cancellationToken) ? pair : await pairs.FindAsync(programme.Id, next, pair.PairId, cancellationToken);
            if (stored is { IsOpen: true })
            {
                await SchedulePairAsync(stored, zone, cancellationToken);
            }
        }

        if (next < rules.CycleCount)
        {
            // Two weeks ahead of the next cycle, so its first prompts still go out a week before its first week.
            var nextStart = rules.WeeksOf(next + 1)[0];
            await scheduler.ScheduleAsync(SkipLevelWorkKinds.Cycle, PromptSchedule.CycleKey(programme.Id, next + 1), new CycleMessage(programme.Id, next + 1), PromptSchedule.MorningOf(nextStart.AddDays(-14), zone), cancellationToken);
        }

        programme = await programmes.UpdateAsync(programmeId, p =>
        {
            if (p.LaunchedCycle >= next)
            {
                return false; // a concurrent launch got there first
            }

            p.LaunchedCycle = next;
            return true;
        }, cancellationToken) ?? programme;

        return new LaunchResult(programme, plan, null);
    }

    /// <summary>Prompt, reminder and follow-up for both sides, at their times (now when already past).</summary>
    public async Task SchedulePairAsync(SkipLevelPairEntity pair, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var week = pair.WeekDate;
        var message = (string side) => new PairMessage(pair.ProgrammeId, pair.Cycle, pair.PairId, side, pair.Week);
        foreach (var side in new[] { PairSide.Leader, PairSide.Manager })
        {
            await scheduler.ScheduleAsync(SkipLevelWorkKinds.Prompt, PromptSchedule.PromptKey(pair, side), message(side), PromptSchedule.MorningOf(PromptSchedule.PromptDay(week), zone), cancellationToken);
            await ScheduleWeekJobsAsync(pair, side, zone, cancellationToken);
        }
    }

    /// <summary>The reminder and follow-up, which move with the week.</summary>
    public async Task ScheduleWeekJobsAsync(SkipLevelPairEntity pair, string side, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var week = pair.WeekDate;
        var message = new PairMessage(pair.ProgrammeId, pair.Cycle, pair.PairId, side, pair.Week);
        if (PromptSchedule.RemindsLater(week, time.GetUtcNow(), zone))
        {
            await scheduler.ScheduleAsync(SkipLevelWorkKinds.Reminder, PromptSchedule.ReminderKey(pair, side), message, PromptSchedule.MorningOf(PromptSchedule.ReminderDay(week), zone), cancellationToken);
        }

        await scheduler.ScheduleAsync(SkipLevelWorkKinds.FollowUp, PromptSchedule.FollowUpKey(pair, side), message, PromptSchedule.MorningOf(PromptSchedule.FollowUpDay(week), zone), cancellationToken);
    }

    public async Task CancelWeekJobsAsync(SkipLevelPairEntity pair, CancellationToken cancellationToken)
    {
        foreach (var side in new[] { PairSide.Leader, PairSide.Manager })
        {
            await scheduler.CancelAsync(PromptSchedule.ReminderKey(pair, side), cancellationToken);
            await scheduler.CancelAsync(PromptSchedule.FollowUpKey(pair, side), cancellationToken);
        }
    }
}

public sealed record LaunchResult(SkipLevelProgrammeEntity? Programme, SkipLevelPlan? Plan, string? Problem);

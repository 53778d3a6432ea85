using System.Globalization;
using DialogueBot.Cards;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Org;
using DialogueBot.SkipLevel.Pairs;
using DialogueBot.SkipLevel.Programmes;
using DialogueBot.SkipLevel.Prompts;

namespace DialogueBot.SkipLevel;

/// <summary>
/// What the two people of a pair can do with it: confirm, propose another week, decline, add agenda items,
/// answer the follow-up and read it. Only the two of them (the side comes from the org chart, never from the
/// card), and each change goes through the pair's own transitions in one ETag read-change-write. A moved or
/// declined pair also moves or cancels its reminder and follow-up, and tells the other side.
/// </summary>
public sealed class SkipLevelPairService(
    SkipLevelProgrammeRepository programmes,
    SkipLevelPairRepository pairs,
    SkipLevelService programmeService,
    WorkQueue work)
{
    /// <summary>The pair and the caller's side in it, or why not.</summary>
    public async Task<PairResult> LoadAsync(Caller caller, PairKey key, CancellationToken cancellationToken)
    {
        var programme = await programmes.FindAsync(key.ProgrammeId, cancellationToken);
        var pair = programme is null ? null : await pairs.FindAsync(key.ProgrammeId, key.Cycle, key.PairId, cancellationToken);
        if (programme is null || pair is null)
        {
            return PairResult.Fail(PairProblem.NotFound, "This skip-level no longer exists.");
        }

        return pair.SideOf(caller.Person?.Id) is { } side
            ? new PairResult(PairProblem.None, "", programme, pair, side)
            : PairResult.Fail(PairProblem.NotInPair, "Only the two people in this pair can see or change it.");
    }

    public Task<PairResult> ConfirmAsync(Caller caller, PairKey key, CancellationToken cancellationToken) =>
        ChangeAsync(caller, key, (at, ct) => Task.FromResult<PairResult?>(null), (p, side) => p.Confirm(side), async (confirmed, side, ct) =>
        {
            // Both sides agreed: each gets the calendar invite (one per side and week, whoever confirmed last).
            if (confirmed.Pair!.ConfirmedBy.Contains(PairSide.Leader, StringComparison.Ordinal) && confirmed.Pair.ConfirmedBy.Contains(PairSide.Manager, StringComparison.Ordinal))
            {
                foreach (var each in new[] { PairSide.Leader, PairSide.Manager })
                {
                    await work.EnqueueAsync(SkipLevelWorkKinds.Invite, Invites.SkipLevelInviteHandler.Key(confirmed.Pair, each), new PairMessage(confirmed.Pair.ProgrammeId, confirmed.Pair.Cycle, confirmed.Pair.PairId, each, confirmed.Pair.Week), cancellationToken: ct);
                }
            }
        }, cancellationToken);

    /// <param name="week">The Monday the card's choice sent, as yyyy-MM-dd.</param>
    public async Task<PairResult> RescheduleAsync(Caller caller, PairKey key, string? week, CancellationToken cancellationToken)
    {
        var monday = default(DateOnly);
        SkipLevelPairEntity? before = null;
        return await ChangeAsync(caller, key, async (at, ct) =>
        {
            if (!DateOnly.TryParseExact(week, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out monday) || !at.Programme!.ToRules().WeeksOf(at.Pair!.Cycle).Contains(monday))
            {
                return PairResult.Fail(PairProblem.InvalidWeek, "Choose one of the weeks offered on the card.");
            }

            // The per-week cap holds for moves too (checked on what is stored now; two moves racing into the last slot can exceed it by one).
            return monday != at.Pair.WeekDate && !(await OpenWeeksAsync(at.Programme, at.Pair, ct)).Contains(monday)
                ? PairResult.Fail(PairProblem.WeekFull, $"The leader already has {at.Programme.PerWeekCap} skip-levels in the {SkipLevelDates.WeekText(monday)}. Pick another week.")
                : null;
        }, (p, side) =>
        {
            before = Snapshot(p);
            return p.ProposeWeek(side, monday);
        }, async (moved, side, ct) =>
        {
            await programmeService.CancelWeekJobsAsync(before!, ct);
            var zone = programmeService.ZoneOf(moved.Programme);
            foreach (var each in new[] { PairSide.Leader, PairSide.Manager })
            {
                await programmeService.ScheduleWeekJobsAsync(moved.Pair!, each, zone, ct);
            }

            await NotifyOtherSideAsync(moved.Pair!, side, ct);
        }, cancellationToken);
    }

    public Task<PairResult> DeclineAsync(Caller caller, PairKey key, string? reason, CancellationToken cancellationToken)
    {
        var clean = CardText.Clean(reason, 500);
        return ChangeAsync(caller, key, (at, ct) => Task.FromResult(clean.Length == 0 ? PairResult.Fail(PairProblem.NeedsReason, "Give a short reason; only the two of you will see it.") : null),
            (p, side) => p.Decline(side, clean),
            async (declined, side, ct) =>
            {
                await programmeService.CancelWeekJobsAsync(declined.Pair!, ct);
                await NotifyOtherSideAsync(declined.Pair!, side, ct);
            }, cancellationToken);
    }

    public Task<PairResult> AddAgendaItemAsync(Caller caller, PairKey key, string? item, CancellationToken cancellationToken)
    {
        var clean = CardText.Clean(item, 300);
        return ChangeAsync(caller, key, (at, ct) => Task.FromResult(
                at.Side != PairSide.Leader ? PairResult.Fail(PairProblem.LeaderOnly, "Bring your topics to the conversation, or ask the leader to add them.")
                : clean.Length == 0 ? PairResult.Fail(PairProblem.NothingToAdd, "Write the agenda item first.")
                : null),
            (p, _) => p.AddAgendaItem(clean),
            // The manager hears of it (their card comes again with the item): otherwise it waited for the reminder, if any.
            (added, side, ct) => work.EnqueueAsync(SkipLevelWorkKinds.Notify, PromptSchedule.AgendaNoticeKey(added.Pair!, PairSide.Other(side)), new PairMessage(added.Pair!.ProgrammeId, added.Pair.Cycle, added.Pair.PairId, PairSide.Other(side), added.Pair.Week), cancellationToken: ct),
            cancellationToken);
    }

    /// <summary>
    /// Pause, opt out of, or resume the programme for the caller. Pausing or opting out also declines this
    /// pair if it is still open (the other side hears why) and leaves them out of the next cycles' plans;
    /// resuming puts them back into the next plan (this pair stays as it is).
    /// </summary>
    public async Task<PairResult> SetParticipationAsync(Caller caller, PairKey key, ParticipationChoice choice, CancellationToken cancellationToken)
    {
        var at = await LoadAsync(caller, key, cancellationToken);
        if (!at.Ok)
        {
            return at;
        }

        var personId = at.Pair!.PersonOn(at.Side!)!;
        var programme = await programmes.UpdateAsync(key.ProgrammeId, p =>
        {
            var (stored, changed) = ParticipationRules.Apply(p.Participation, personId, choice);
            p.Participation = stored;
            return changed;
        }, cancellationToken) ?? at.Programme!;
        if (choice == ParticipationChoice.Resume || !at.Pair.IsOpen)
        {
            return at with { Programme = programme };
        }

        var reason = choice == ParticipationChoice.Pause ? "Paused their skip-levels for now." : "Opted out of this programme.";
        var declined = await ChangeAsync(caller, key, (_, _) => Task.FromResult<PairResult?>(null), (p, side) => p.Decline(side, reason), async (result, side, ct) =>
        {
            await programmeService.CancelWeekJobsAsync(result.Pair!, ct);
            await NotifyOtherSideAsync(result.Pair!, side, ct);
        }, cancellationToken);
        return declined with { Programme = programme };
    }

    /// <param name="happened">Null when the card sent no answer.</param>
    public Task<PairResult> RecordFollowUpAsync(Caller caller, PairKey key, PairHappened? happened, string? actOn, CancellationToken cancellationToken)
    {
        var note = CardText.Clean(actOn, 500);
        return ChangeAsync(caller, key, (at, ct) => Task.FromResult(happened is null ? PairResult.Fail(PairProblem.InvalidAnswer, "Choose yes or no.") : null),
            (p, side) => p.RecordFollowUp(side, happened!.Value, note), afterChange: null, cancellationToken);
    }

    /// <summary>The cycle's other weeks in which the leader still has room under the per-week cap.</summary>
    public async Task<IReadOnlyList<DateOnly>> OpenWeeksAsync(SkipLevelProgrammeEntity programme, SkipLevelPairEntity pair, CancellationToken cancellationToken)
    {
        var cycle = await pairs.ListCycleAsync(programme.Id, pair.Cycle, cancellationToken);
        var taken = cycle
            .Where(p => p.IsOpen && p.PairId != pair.PairId && string.Equals(p.LeaderId, pair.LeaderId, StringComparison.OrdinalIgnoreCase))
            .GroupBy(p => p.Week, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var first = PromptSchedule.FirstPlannableWeek(programmeService.Today(programme));
        return programme.ToRules().WeeksOf(pair.Cycle)
            .Where(w => w >= first && w != pair.WeekDate && taken.GetValueOrDefault(SkipLevelProgrammeEntity.FormatDate(w)) < programme.PerWeekCap)
            .ToList();
    }

    /// <summary>
    /// Loads the pair for the caller, checks the request (<paramref name="check"/>: a problem, or null to go
    /// on), applies <paramref name="transition"/> in one ETag read-change-write, and when it changed the pair
    /// runs <paramref name="afterChange"/> (jobs, notices). A transition the state refuses leaves the pair as
    /// it is, and the card shows it as it is now.
    /// </summary>
    private async Task<PairResult> ChangeAsync(
        Caller caller,
        PairKey key,
        Func<PairResult, CancellationToken, Task<PairResult?>> check,
        Func<SkipLevelPairEntity, string, bool> transition,
        Func<PairResult, string, CancellationToken, Task>? afterChange,
        CancellationToken cancellationToken)
    {
        var at = await LoadAsync(caller, key, cancellationToken);
        if (!at.Ok)
        {
            return at;
        }

        if (await check(at, cancellationToken) is { } problem)
        {
            return problem with { Programme = at.Programme, Pair = at.Pair, Side = at.Side };
        }

        var side = at.Side!;
        var changed = false;
        var pair = await pairs.UpdateAsync(key.ProgrammeId, key.Cycle, key.PairId, p => changed = transition(p, side), cancellationToken) ?? at.Pair!;
        var result = at with { Pair = pair, Changed = changed };
        if (changed && afterChange is not null)
        {
            await afterChange(result, side, cancellationToken);
        }

        return result;
    }

    private Task NotifyOtherSideAsync(SkipLevelPairEntity pair, string side, CancellationToken cancellationToken)
    {
        var other = PairSide.Other(side);
        return work.EnqueueAsync(SkipLevelWorkKinds.Notify, PromptSchedule.NotifyKey(pair, other), new PairMessage(pair.ProgrammeId, pair.Cycle, pair.PairId, other, pair.Week), cancellationToken: cancellationToken);
    }

    /// <summary>The fields the job keys are made of, as they were before a move.</summary>
    private static SkipLevelPairEntity Snapshot(SkipLevelPairEntity p) => new()
    {
        PartitionKey = p.PartitionKey,
        RowKey = p.RowKey,
        ProgrammeId = p.ProgrammeId,
        Cycle = p.Cycle,
        LeaderId = p.LeaderId,
        ManagerId = p.ManagerId,
        Week = p.Week,
        StoredState = p.StoredState,
    };
}

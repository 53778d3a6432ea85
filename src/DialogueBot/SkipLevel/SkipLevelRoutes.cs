using System.Globalization;
using DialogueBot.BotFramework.Cards;
using DialogueBot.BotFramework.Routing;
using DialogueBot.BotFramework.Schema;
using DialogueBot.Cards;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Org;
using DialogueBot.SkipLevel.Cards;
using DialogueBot.SkipLevel.Pairs;
using DialogueBot.SkipLevel.Programmes;
using DialogueBot.SkipLevel.Prompts;

namespace DialogueBot.SkipLevel;

/// <summary>
/// The skip-level command and card verbs. HR verbs check the HR role; pair verbs check that the caller is
/// one of the pair (the side comes from the org chart, never from the card's data).
/// </summary>
public sealed class SkipLevelRoutes(
    SkipLevelService service,
    SkipLevelProgrammeRepository programmes,
    SkipLevelPairRepository pairs,
    OrgDirectory directory,
    PairCardFactory pairCards,
    WorkQueue work) : IActivityRouteModule
{
    public const string Command = "skip-level";
    public const int MaxAgendaItems = 10;

    public void Map(ActivityRouter router)
    {
        router.OnCommand(Command, OnCommandAsync);
        router.OnCommand("skiplevel", OnCommandAsync);
        router.OnCardAction(ProgrammeFormCard.OpenVerb, (c, _, ct) => AsHr(c, "set up skip-level programmes", async () => ProgrammeFormCard.Build(new ProgrammeFormValues(), (await directory.GetAsync(ct)).Units)));
        router.OnCardAction(ProgrammeFormCard.CreateVerb, (c, a, ct) => AsHr(c, "set up skip-level programmes", () => CreateAsync(c, a, ct)));
        router.OnCardAction(PreviewCard.PreviewVerb, (c, a, ct) => AsHr(c, "preview skip-level programmes", () => PreviewAsync(a.GetString("programmeId"), ct)));
        router.OnCardAction(PreviewCard.LaunchVerb, (c, a, ct) => AsHr(c, "launch skip-level programmes", () => LaunchAsync(a, ct)));
        router.OnCardAction(StatusCard.StatusVerb, (c, _, ct) => AsHr(c, "see skip-level status", () => StatusAsync(ct)));
        router.OnCardAction(PairCard.ConfirmVerb, (c, a, ct) => OnPairAsync(c, a, ConfirmAsync, ct));
        router.OnCardAction(PairCard.RescheduleVerb, (c, a, ct) => OnPairAsync(c, a, RescheduleAsync, ct));
        router.OnCardAction(PairCard.DeclineVerb, (c, a, ct) => OnPairAsync(c, a, DeclineAsync, ct));
        router.OnCardAction(PairCard.AgendaVerb, (c, a, ct) => OnPairAsync(c, a, AddAgendaAsync, ct));
        router.OnCardAction(FollowUpCard.AnswerVerb, (c, a, ct) => OnPairAsync(c, a, FollowUpAsync, ct));
        router.OnCardAction(FollowUpCard.NotesVerb, (c, a, ct) => OnPairAsync(c, a, NotesAsync, ct));
    }

    private async Task<InvokeResponse?> OnCommandAsync(TurnContext context, CancellationToken cancellationToken)
    {
        var argument = ActivityRouter.ArgumentOf(context.Activity.Text).ToLowerInvariant();
        var caller = await context.GetCallerAsync(cancellationToken);
        AdaptiveCard card;
        if (!caller.HasAny(OrgRole.HR))
        {
            card = StatusCards.Notice("Skip-level meetings", "HR runs skip-level programmes. When you are paired with someone, I send you a card a week before with a suggested week and agenda.");
        }
        else if (argument.StartsWith("new", StringComparison.Ordinal))
        {
            card = ProgrammeFormCard.Build(new ProgrammeFormValues(), (await directory.GetAsync(cancellationToken)).Units);
        }
        else
        {
            card = await StatusAsync(cancellationToken);
        }

        await context.SendAsync(card, cancellationToken);
        return null;
    }

    private static async Task<InvokeResponse?> AsHr(TurnContext context, string what, Func<Task<AdaptiveCard>> build)
    {
        var caller = await context.GetCallerAsync();
        var card = caller.HasAny(OrgRole.HR) ? await build() : StatusCards.NotAllowed(what);
        return await ReplyAsync(context, card);
    }

    private static async Task<InvokeResponse?> ReplyAsync(TurnContext context, AdaptiveCard card)
    {
        if (context.Activity.Type == ActivityTypes.Invoke)
        {
            return card.ToInvokeResponse();
        }

        await context.SendAsync(card);
        return null;
    }

    private async Task<AdaptiveCard> CreateAsync(TurnContext context, CardActionRequest action, CancellationToken cancellationToken)
    {
        var values = new ProgrammeFormValues(
            action.GetString("name"), action.GetString("scopeUnits"), action.GetString("leaders"), action.GetString("cadenceWeeks"),
            action.GetString("meetingMinutes"), action.GetString("startDate"), action.GetString("endDate"), action.GetString("perWeekCap"), action.GetString("timeZone"));
        var leaders = Split(values.Leaders);
        var levels = leaders.Where(l => l != "executives").Select(l => int.TryParse(l, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : -1).ToList();
        var request = new ProgrammeRequest
        {
            Name = values.Name,
            ScopeUnits = Split(values.ScopeUnits),
            ExecutivesLead = leaders.Contains("executives"),
            LeaderLevels = levels,
            CadenceWeeks = Int(values.CadenceWeeks),
            MeetingMinutes = Int(values.MeetingMinutes),
            StartDate = values.StartDate,
            EndDate = values.EndDate,
            PerWeekCap = Int(values.PerWeekCap),
            TimeZone = values.TimeZone,
        };

        var caller = await context.GetCallerAsync(cancellationToken);
        var (programme, errors) = await service.CreateAsync(request, caller, cancellationToken);
        var org = await directory.GetAsync(cancellationToken);
        if (programme is null)
        {
            return ProgrammeFormCard.Build(values, org.Units, errors);
        }

        return PreviewCard.Build(programme, await service.PreviewAsync(programme, cancellationToken), org);
    }

    private async Task<AdaptiveCard> PreviewAsync(string? programmeId, CancellationToken cancellationToken)
    {
        var programme = await programmes.FindAsync(programmeId ?? "", cancellationToken);
        return programme is null
            ? StatusCards.Stale()
            : PreviewCard.Build(programme, await service.PreviewAsync(programme, cancellationToken), await directory.GetAsync(cancellationToken));
    }

    private async Task<AdaptiveCard> LaunchAsync(CardActionRequest action, CancellationToken cancellationToken)
    {
        var cycle = action.GetInt64("cycle");
        var result = await service.LaunchAsync(action.GetString("programmeId") ?? "", cycle is > 0 and < 1000 ? (int)cycle : null, cancellationToken);
        if (result.Programme is null)
        {
            return StatusCards.Stale();
        }

        if (result.Problem is not null)
        {
            return StatusCards.Notice("Not launched", result.Problem, new ExecuteAction("Status", StatusCard.StatusVerb));
        }

        var first = result.Plan!.Weeks.FirstOrDefault();
        return StatusCards.Notice(
            $"Cycle {result.Plan.Cycle} launched",
            $"{result.Plan.Pairs.Count} pairs. Each side gets a card on the Monday of the week before their suggested week (the first go out in the week before the {SkipLevelDates.WeekText(first)}).",
            new ExecuteAction("Status", StatusCard.StatusVerb));
    }

    private async Task<AdaptiveCard> StatusAsync(CancellationToken cancellationToken)
    {
        var org = await directory.GetAsync(cancellationToken);
        var all = (await programmes.ListAsync(cancellationToken)).OrderBy(p => p.StartWeek, StringComparer.Ordinal).ThenBy(p => p.Id, StringComparer.Ordinal).ToList();
        var statuses = new List<ProgrammeStatus>();
        foreach (var programme in all.TakeLast(5))
        {
            statuses.Add(ProgrammeStatus.From(programme, await pairs.ListProgrammeAsync(programme.Id, cancellationToken), org, service.Today(programme)));
        }

        return StatusCard.Build(statuses);
    }

    private delegate Task<AdaptiveCard> PairAction(PairContext pair, CardActionRequest action, CancellationToken cancellationToken);

    private sealed record PairContext(SkipLevelProgrammeEntity Programme, SkipLevelPairEntity Pair, string Side, OrgSnapshot Org);

    private async Task<InvokeResponse?> OnPairAsync(TurnContext context, CardActionRequest action, PairAction handler, CancellationToken cancellationToken)
    {
        var programmeId = action.GetString("programmeId") ?? "";
        var cycle = action.GetInt64("cycle") is { } n and > 0 and < 1000 ? (int)n : 0;
        var programme = await programmes.FindAsync(programmeId, cancellationToken);
        var pair = programme is null ? null : await pairs.FindAsync(programmeId, cycle, action.GetString("pairId") ?? "", cancellationToken);
        if (programme is null || pair is null)
        {
            return await ReplyAsync(context, StatusCards.Stale());
        }

        var caller = await context.GetCallerAsync(cancellationToken);
        var side = pair.SideOf(caller.Person?.Id);
        if (side is null)
        {
            return await ReplyAsync(context, StatusCards.Problem("Not your skip-level", "Only the two people in this pair can see or change it."));
        }

        return await ReplyAsync(context, await handler(new PairContext(programme, pair, side, await directory.GetAsync(cancellationToken)), action, cancellationToken));
    }

    private Task<AdaptiveCard> CurrentAsync(PairContext at, SkipLevelPairEntity pair, CancellationToken cancellationToken) =>
        pairCards.BuildAsync(at.Programme, pair, at.Side, at.Org, PairCardStage.Current, cancellationToken);

    private async Task<AdaptiveCard> ConfirmAsync(PairContext at, CardActionRequest action, CancellationToken cancellationToken)
    {
        var pair = await pairs.UpdateAsync(at.Programme.Id, at.Pair.Cycle, at.Pair.PairId, p =>
        {
            if (!p.IsOpen || p.ConfirmedBy.Contains(at.Side, StringComparison.Ordinal))
            {
                return false;
            }

            p.ConfirmedBy = p.ConfirmedBy.Length == 0 ? at.Side : PairSide.Leader + ";" + PairSide.Manager;
            p.State = PairState.Confirmed;
            return true;
        }, cancellationToken);
        return await CurrentAsync(at, pair ?? at.Pair, cancellationToken);
    }

    private async Task<AdaptiveCard> RescheduleAsync(PairContext at, CardActionRequest action, CancellationToken cancellationToken)
    {
        var weeks = at.Programme.ToRules().WeeksOf(at.Pair.Cycle);
        var text = action.GetString("week") ?? "";
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var week) || !weeks.Contains(week))
        {
            return StatusCards.Problem("Pick a week", "Choose one of the weeks offered on the card.");
        }

        // The per-week cap holds for moves too (checked on what is stored now; two moves racing into the last slot can exceed it by one).
        if (week != at.Pair.WeekDate && !(await pairCards.OpenWeeksAsync(at.Programme, at.Pair, cancellationToken)).Contains(week))
        {
            return StatusCards.Problem("That week is full", $"The leader already has {at.Programme.PerWeekCap} skip-levels in the {SkipLevelDates.WeekText(week)}. Pick another week.");
        }

        var before = at.Pair;
        var moved = false;
        var pair = await pairs.UpdateAsync(at.Programme.Id, at.Pair.Cycle, at.Pair.PairId, p =>
        {
            before = Copy(p);
            moved = p.IsOpen && p.Week != text;
            if (!moved)
            {
                return false;
            }

            p.Week = text;
            p.State = PairState.Rescheduled;
            p.ConfirmedBy = at.Side; // whoever proposes a week agrees to it; the other side confirms or proposes again
            return true;
        }, cancellationToken) ?? at.Pair;

        if (moved)
        {
            await service.CancelWeekJobsAsync(before, cancellationToken);
            var zone = service.ZoneOf(at.Programme);
            foreach (var side in new[] { PairSide.Leader, PairSide.Manager })
            {
                await service.ScheduleWeekJobsAsync(pair, side, zone, cancellationToken);
            }

            await NotifyOtherSideAsync(pair, at.Side, cancellationToken);
        }

        return await CurrentAsync(at, pair, cancellationToken);
    }

    private async Task<AdaptiveCard> DeclineAsync(PairContext at, CardActionRequest action, CancellationToken cancellationToken)
    {
        var reason = CardText.Clean(action.GetString("reason"), 500);
        if (reason.Length == 0)
        {
            return StatusCards.Problem("Say why", "Give a short reason; only the two of you will see it.");
        }

        var declined = false;
        var pair = await pairs.UpdateAsync(at.Programme.Id, at.Pair.Cycle, at.Pair.PairId, p =>
        {
            declined = p.IsOpen;
            if (!declined)
            {
                return false;
            }

            p.State = PairState.Declined;
            p.DeclinedBy = at.Side;
            p.DeclineReason = reason;
            return true;
        }, cancellationToken) ?? at.Pair;

        if (declined)
        {
            await service.CancelWeekJobsAsync(pair, cancellationToken);
            await NotifyOtherSideAsync(pair, at.Side, cancellationToken);
        }

        return await CurrentAsync(at, pair, cancellationToken);
    }

    private async Task<AdaptiveCard> AddAgendaAsync(PairContext at, CardActionRequest action, CancellationToken cancellationToken)
    {
        if (at.Side != PairSide.Leader)
        {
            return StatusCards.Problem("Only the leader adds agenda items", "Bring your topics to the conversation, or ask the leader to add them.");
        }

        var item = CardText.Clean(action.GetString("item"), 300);
        if (item.Length == 0)
        {
            return StatusCards.Problem("Nothing to add", "Write the agenda item first.");
        }

        var pair = await pairs.UpdateAsync(at.Programme.Id, at.Pair.Cycle, at.Pair.PairId, p =>
        {
            var items = p.Agenda.ToList();
            if (items.Count >= MaxAgendaItems || items.Contains(item, StringComparer.Ordinal))
            {
                return false;
            }

            items.Add(item);
            p.SetAgenda(items);
            return true;
        }, cancellationToken) ?? at.Pair;
        return await CurrentAsync(at, pair, cancellationToken);
    }

    private async Task<AdaptiveCard> FollowUpAsync(PairContext at, CardActionRequest action, CancellationToken cancellationToken)
    {
        var happened = action.GetString("happened");
        if (happened is not ("yes" or "no"))
        {
            return StatusCards.Problem("Did it happen?", "Choose yes or no.");
        }

        var note = CardText.Clean(action.GetString("actOn"), 500);
        var pair = await pairs.UpdateAsync(at.Programme.Id, at.Pair.Cycle, at.Pair.PairId, p =>
        {
            if (p.State == PairState.Declined)
            {
                return false;
            }

            if (at.Side == PairSide.Leader)
            {
                (p.LeaderHappened, p.LeaderFollowUp) = (happened, note);
            }
            else
            {
                (p.ManagerHappened, p.ManagerFollowUp) = (happened, note);
            }

            // Either side saying it happened is enough; it was missed only if nobody says it happened.
            p.State = p.LeaderHappened == "yes" || p.ManagerHappened == "yes" ? PairState.Done : PairState.Missed;
            return true;
        }, cancellationToken) ?? at.Pair;
        return FollowUpCard.Notes(pair, at.Org.FindById(pair.LeaderId), at.Org.FindById(pair.ManagerId));
    }

    private Task<AdaptiveCard> NotesAsync(PairContext at, CardActionRequest action, CancellationToken cancellationToken) =>
        Task.FromResult(FollowUpCard.Notes(at.Pair, at.Org.FindById(at.Pair.LeaderId), at.Org.FindById(at.Pair.ManagerId)));

    private Task NotifyOtherSideAsync(SkipLevelPairEntity pair, string side, CancellationToken cancellationToken)
    {
        var other = PairSide.Other(side);
        return work.EnqueueAsync(PromptSchedule.NotifyKind, PromptSchedule.NotifyKey(pair, other), new PairMessage(pair.ProgrammeId, pair.Cycle, pair.PairId, other, pair.Week), cancellationToken: cancellationToken);
    }

    private static SkipLevelPairEntity Copy(SkipLevelPairEntity p) => new()
    {
        PartitionKey = p.PartitionKey,
        RowKey = p.RowKey,
        ProgrammeId = p.ProgrammeId,
        Cycle = p.Cycle,
        LeaderId = p.LeaderId,
        ManagerId = p.ManagerId,
        Week = p.Week,
        State = p.State,
    };

    private static List<string> Split(string? joined) => (joined ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static int? Int(string? text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n is >= int.MinValue and <= int.MaxValue ? (int)n : null;
}

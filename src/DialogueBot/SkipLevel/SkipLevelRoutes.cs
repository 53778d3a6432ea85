using DialogueBot.BotFramework.Cards;
using DialogueBot.BotFramework.Routing;
using DialogueBot.BotFramework.Schema;
using DialogueBot.Cards;
using DialogueBot.Org;
using DialogueBot.SkipLevel.Cards;
using DialogueBot.SkipLevel.Pairs;
using DialogueBot.SkipLevel.Prompts;

namespace DialogueBot.SkipLevel;

/// <summary>
/// The skip-level command and card verbs. HR verbs check the HR role; pair verbs check that the caller is
/// one of the pair (the side comes from the org chart, never from the card's data).
/// </summary>
public sealed class SkipLevelRoutes(
    SkipLevelService service,
    SkipLevelPairService pairService,
    OrgDirectory directory,
    PairCardFactory pairCards) : IActivityRouteModule
{
    public const string Command = "skip-level";

    /// <summary>How many programmes HR's status card shows (the API lists them all).</summary>
    public const int StatusProgrammes = 5;

    public void Map(ActivityRouter router)
    {
        router.OnCommand(Command, OnCommandAsync);
        router.OnCommand("skiplevel", OnCommandAsync);
        router.OnCardAction(ProgrammeFormCard.OpenVerb, (c, _, ct) => AsHr(c, "set up skip-level programmes", async () => ProgrammeFormCard.Build(new ProgrammeFormValues(), (await directory.GetAsync(ct)).Units)));
        router.OnCardAction(ProgrammeFormCard.CreateVerb, (c, a, ct) => AsHr(c, "set up skip-level programmes", () => Typed<CreateProgrammeData>(a, d => CreateAsync(c, d, ct))));
        router.OnCardAction(PreviewCard.PreviewVerb, (c, a, ct) => AsHr(c, "preview skip-level programmes", () => Typed<PreviewData>(a, d => PreviewAsync(d, ct))));
        router.OnCardAction(PreviewCard.LaunchVerb, (c, a, ct) => AsHr(c, "launch skip-level programmes", () => Typed<LaunchData>(a, d => LaunchAsync(d, ct))));
        router.OnCardAction(StatusCard.StatusVerb, (c, _, ct) => AsHr(c, "see skip-level status", () => StatusAsync(ct)));
        router.OnCardAction(PairCard.ConfirmVerb, OnPair<ConfirmData>((caller, d, ct) => pairService.ConfirmAsync(caller, d.Key, ct)));
        router.OnCardAction(PairCard.RescheduleVerb, OnPair<RescheduleData>((caller, d, ct) => pairService.RescheduleAsync(caller, d.Key, d.Week, ct)));
        router.OnCardAction(PairCard.DeclineVerb, OnPair<DeclineData>((caller, d, ct) => pairService.DeclineAsync(caller, d.Key, d.Reason, ct)));
        router.OnCardAction(PairCard.ParticipationVerb, OnPair<ParticipationData>((caller, d, ct) => pairService.SetParticipationAsync(caller, d.Key, d.Choice, ct)));
        router.OnCardAction(PairCard.AgendaVerb, OnPair<AgendaData>((caller, d, ct) => pairService.AddAgendaItemAsync(caller, d.Key, d.Item, ct)));
        router.OnCardAction(FollowUpCard.AnswerVerb, OnPair<FollowUpData>((caller, d, ct) => pairService.RecordFollowUpAsync(caller, d.Key, d.Happened, d.ActOn, ct), PairCardKind.Notes));
        router.OnCardAction(FollowUpCard.NotesVerb, OnPair<NotesData>((caller, d, ct) => pairService.LoadAsync(caller, d.Key, ct), PairCardKind.Notes));
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
        return await context.ReplyAsync(card);
    }

    /// <summary>The verb's record from the card's data, or a problem card naming the field that is missing or not valid.</summary>
    private static Task<AdaptiveCard> Typed<T>(CardActionRequest action, Func<T, Task<AdaptiveCard>> handle)
        where T : class
    {
        var data = action.DataAs<T>();
        return data.IsValid ? handle(data.Value!) : Task.FromResult(NotUnderstood(data.Error!));
    }

    private static AdaptiveCard NotUnderstood(string error) =>
        StatusCards.Problem("That did not work", $"This button sent something the bot does not understand ({error}), so nothing was changed.");


    private async Task<AdaptiveCard> CreateAsync(TurnContext context, CreateProgrammeData data, CancellationToken cancellationToken)
    {
        var caller = await context.GetCallerAsync(cancellationToken);
        var (programme, errors) = await service.CreateAsync(data.ToRequest(), caller, cancellationToken);
        var org = await directory.GetAsync(cancellationToken);
        return programme is null
            ? ProgrammeFormCard.Build(data.Values, org.Units, errors)
            : PreviewCard.Build(programme, await service.PreviewAsync(programme, cancellationToken), org, warnings: await service.OverlapWarningsAsync(programme, cancellationToken));
    }

    private async Task<AdaptiveCard> PreviewAsync(PreviewData data, CancellationToken cancellationToken)
    {
        var programme = await service.FindAsync(data.ProgrammeId, cancellationToken);
        return programme is null
            ? StatusCards.Stale()
            : PreviewCard.Build(programme, await service.PreviewAsync(programme, cancellationToken), await directory.GetAsync(cancellationToken), warnings: await service.OverlapWarningsAsync(programme, cancellationToken));
    }

    private async Task<AdaptiveCard> LaunchAsync(LaunchData data, CancellationToken cancellationToken)
    {
        var result = await service.LaunchAsync(data.ProgrammeId, data.Cycle is > 0 and < 1000 ? data.Cycle : null, cancellationToken);
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

    private async Task<AdaptiveCard> StatusAsync(CancellationToken cancellationToken) =>
        StatusCard.Build(await service.LatestStatusesAsync(StatusProgrammes, cancellationToken));

    /// <summary>Which card a pair verb answers with: the pair as it is now, or both sides' follow-up notes.</summary>
    private enum PairCardKind
    {
        Current,
        Notes,
    }

    /// <summary>A pair verb: read its record, let the pair service act for the caller, and answer with the pair's card or the problem.</summary>
    private CardActionHandler OnPair<T>(Func<Caller, T, CancellationToken, Task<PairResult>> act, PairCardKind answer = PairCardKind.Current)
        where T : PairActionData => async (context, action, ct) =>
        {
            var data = action.DataAs<T>();
            if (!data.IsValid)
            {
                return await context.ReplyAsync(NotUnderstood(data.Error!));
            }

            var result = await act(await context.GetCallerAsync(ct), data.Value!, ct);
            return await context.ReplyAsync(await PairCardAsync(result, answer, ct));
        };

    private async Task<AdaptiveCard> PairCardAsync(PairResult result, PairCardKind answer, CancellationToken cancellationToken)
    {
        var problem = result.Problem switch
        {
            PairProblem.None => null,
            PairProblem.NotFound => StatusCards.Stale(),
            PairProblem.NotInPair => StatusCards.Problem("Not your skip-level", result.Message),
            PairProblem.InvalidWeek => StatusCards.Problem("Pick a week", result.Message),
            PairProblem.WeekFull => StatusCards.Problem("That week is full", result.Message),
            PairProblem.NeedsReason => StatusCards.Problem("Say why", result.Message),
            PairProblem.LeaderOnly => StatusCards.Problem("Only the leader adds agenda items", result.Message),
            PairProblem.NothingToAdd => StatusCards.Problem("Nothing to add", result.Message),
            PairProblem.InvalidAnswer => StatusCards.Problem("Did it happen?", result.Message),
            _ => StatusCards.Problem("That did not work", result.Message),
        };
        if (problem is not null)
        {
            return problem;
        }

        var org = await directory.GetAsync(cancellationToken);
        var pair = result.Pair!;
        return answer == PairCardKind.Notes
            ? FollowUpCard.Notes(pair, org.FindById(pair.LeaderId), org.FindById(pair.ManagerId))
            : await pairCards.BuildAsync(result.Programme!, pair, result.Side!, org, PairCardStage.Current, cancellationToken);
    }
}

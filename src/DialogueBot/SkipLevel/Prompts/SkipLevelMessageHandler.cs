using DialogueBot.Conversations;
using DialogueBot.Conversations.Delivery;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Org;
using DialogueBot.SkipLevel.Cards;
using DialogueBot.SkipLevel.Pairs;
using DialogueBot.SkipLevel.Programmes;

namespace DialogueBot.SkipLevel.Prompts;

/// <summary>
/// Sends one side of a pair its prompt, reminder, change notice or follow-up. One handler per kind; the
/// work ledger runs each key once, so each side gets each message once. Messages that no longer apply
/// (the pair was declined, or moved to another week since this was scheduled) are dropped as done.
/// </summary>
public sealed class SkipLevelMessageHandler(
    string kind,
    SkipLevelProgrammeRepository programmes,
    SkipLevelPairRepository pairs,
    OrgDirectory directory,
    PairCardFactory cards,
    ProactiveMessenger messenger,
    DeliveryReports reports,
    ILogger<SkipLevelMessageHandler> logger) : IWorkHandler
{
    public string Kind => kind;

    public async Task<WorkResult> HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var message = item.PayloadAs<PairMessage>();
        if (!PairSide.IsValid(message.Side))
        {
            return WorkResult.Fail($"Unknown side '{message.Side}'.");
        }

        var programme = await programmes.FindAsync(message.ProgrammeId, cancellationToken);
        var pair = programme is null ? null : await pairs.FindAsync(message.ProgrammeId, message.Cycle, message.PairId, cancellationToken);
        if (programme is null || pair is null)
        {
            return WorkResult.Done; // the programme or pair is gone: nothing to say
        }

        if (!StillApplies(pair, message))
        {
            return WorkResult.Done;
        }

        var org = await directory.GetAsync(cancellationToken);
        var person = org.FindById(pair.PersonOn(message.Side));
        if (person is null || !person.IsActive)
        {
            logger.LogInformation("Skip-level {Kind} for pair {PairId} skipped: the {Side} is on leave or left the org chart.", kind, pair.PairId, message.Side);
            return WorkResult.Done;
        }

        var card = kind == SkipLevelWorkKinds.FollowUp
            ? FollowUpCard.Build(pair, message.Side, org.FindById(pair.PersonOn(PairSide.Other(message.Side))))
            : await cards.BuildAsync(programme, pair, message.Side, org, StageOf(kind), cancellationToken);

        var result = await messenger.SendAsync(person, card.ToMessage(), cancellationToken);
        await reports.RecordAsync(SkipLevelDeliveryReports.Round(programme.Id, message.Cycle, kind), ReportDetail.Named, item, result, cancellationToken);
        return result.Outcome switch
        {
            ProactiveOutcome.Throttled => WorkResult.RetryAfter(result.RetryAfter ?? TimeSpan.FromSeconds(30), "Teams asked us to slow down."),
            _ => WorkResult.Done, // sent, or the person cannot be reached (not installed, removed the bot): nothing more to do
        };
    }

    private bool StillApplies(SkipLevelPairEntity pair, PairMessage message) => kind switch
    {
        SkipLevelWorkKinds.Prompt => pair.IsOpen,
        SkipLevelWorkKinds.Reminder => pair.IsOpen && pair.Week == message.Week,
        SkipLevelWorkKinds.FollowUp => pair.State is PairState.Proposed or PairState.Confirmed or PairState.Rescheduled or PairState.Done or PairState.Missed
            && pair.Week == message.Week
            && (message.Side == PairSide.Leader ? pair.LeaderHappened : pair.ManagerHappened) is null,
        _ => true,
    };

    private static PairCardStage StageOf(string kind) => kind switch
    {
        SkipLevelWorkKinds.Reminder => PairCardStage.Reminder,
        SkipLevelWorkKinds.Notify => PairCardStage.Changed,
        _ => PairCardStage.Prompt,
    };
}

/// <summary>
/// When a programme's next cycle comes due, HR (the programme's creator) gets its preview with a Launch
/// button: nothing goes to leaders and managers until HR has seen the plan and launched it. (Launching by
/// itself sent cycle 2 seconds after cycle 1 when its date was already past.)
/// </summary>
public sealed class SkipLevelCycleHandler(SkipLevelService service, OrgDirectory directory, ProactiveMessenger messenger, ILogger<SkipLevelCycleHandler> logger) : IWorkHandler
{
    public string Kind => SkipLevelWorkKinds.Cycle;

    public async Task<WorkResult> HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var message = item.PayloadAs<CycleMessage>();
        var programme = await service.FindAsync(message.ProgrammeId, cancellationToken);
        if (programme is null || programme.LaunchedCycle >= message.Cycle)
        {
            return WorkResult.Done; // gone, or HR launched it already
        }

        var org = await directory.GetAsync(cancellationToken);
        if (org.FindById(programme.CreatedBy) is not { IsActive: true } hr)
        {
            logger.LogWarning("Skip-level cycle {Cycle} of {ProgrammeId} is due, but its creator is not in the org chart to preview it; launch it from the API.", message.Cycle, message.ProgrammeId);
            return WorkResult.Done;
        }

        var plan = await service.PlanAsync(programme, message.Cycle, cancellationToken);
        var warnings = await service.OverlapWarningsAsync(programme, cancellationToken);
        var result = await messenger.SendAsync(hr, PreviewCard.Build(programme, plan, org, due: true, warnings).ToMessage(), cancellationToken);
        return result.Outcome == ProactiveOutcome.Throttled
            ? WorkResult.RetryAfter(result.RetryAfter ?? TimeSpan.FromSeconds(30), "Teams asked us to slow down.")
            : WorkResult.Done;
    }
}

/// <summary>A skip-level round's report: one per programme, cycle and kind of message (prompt, reminder, follow-up…).</summary>
public static class SkipLevelDeliveryReports
{
    public static string Round(string programmeId, int cycle, string kind) => $"{programmeId}.{cycle}.{kind}";
}

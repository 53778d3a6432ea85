using DialogueBot.BotFramework.Cards;
using DialogueBot.BotFramework.Routing;
using DialogueBot.BotFramework.Schema;
using DialogueBot.Cards;
using DialogueBot.Conversations.Delivery;
using DialogueBot.Org;
using DialogueBot.Pulse.Answering;
using DialogueBot.Pulse.Cards;
using DialogueBot.Pulse.Delivery;
using DialogueBot.Pulse.Lifecycle;
using DialogueBot.Pulse.Results;

namespace DialogueBot.Pulse;

/// <summary>
/// Pulse commands ("pulse", "results") and card verbs (pulse.answer, pulse.refresh, pulse.results, pulse.create,
/// pulse.preview, pulse.form). An adapter: it reads the verb's typed data, checks the role, calls the service and
/// maps the result to a card. Every rule is in the services.
/// </summary>
public sealed class PulseRoutes(
    PulseAnswering answering,
    PulseResultsService results,
    PulseService service,
    OrgDirectory directory,
    DeliveryReports deliveries,
    PersonClocks clocks) : IActivityRouteModule
{
    public const OrgRole Creators = OrgRole.HR | OrgRole.Executive;
    public const OrgRole Readers = OrgRole.HR | OrgRole.Executive;

    public void Map(ActivityRouter router)
    {
        // Answers and results are personal-scope only (issue 12): the router refuses them in a channel or group chat.
        router.OnCardAction(PulseQuestionCard.AnswerVerb, async (context, action, ct) =>
            (await WithDataAsync<PulseAnswerData>(action, async data =>
            {
                var caller = await context.GetCallerAsync(ct);
                return PulseAnswerCards.For(await answering.AnswerAsync(caller, data, context.ClientTimeZone, ct, ReplyOptIn.AddressOf(context.Activity)), service.MinimumGroupSize, time: clocks.For(context, caller));
            })).ToInvokeResponse(), personalOnly: true);
        router.OnCardAction(PulseQuestionCard.RefreshVerb, async (context, action, ct) =>
            (await WithDataAsync<PulseRefreshData>(action, async data =>
            {
                var caller = await context.GetCallerAsync(ct);
                return PulseAnswerCards.For(await answering.RefreshAsync(caller, data, ct), service.MinimumGroupSize, refresh: true, time: clocks.For(context, caller));
            })).ToInvokeResponse());

        router.OnCommand("pulse", async (context, ct) => await context.ReplyAsync(await FormAsync(context, ct), ct));
        router.OnCardAction(PulseFormCard.FormVerb, async (context, _, ct) => (await FormAsync(context, ct)).ToInvokeResponse());
        router.OnCardAction(PulseFormCard.PreviewVerb, async (context, action, ct) => (await SubmitFormAsync(context, action, create: false, ct)).ToInvokeResponse());
        router.OnCardAction(PulseFormCard.CreateVerb, async (context, action, ct) => (await SubmitFormAsync(context, action, create: true, ct)).ToInvokeResponse());

        router.OnCommand("results", async (context, ct) => await context.ReplyAsync(await ResultsListAsync(context, ct), ct), personalOnly: true);
        router.OnCardAction(PulseResultsCard.ListVerb, async (context, _, ct) => (await ResultsListAsync(context, ct)).ToInvokeResponse(), personalOnly: true);
        router.OnCardAction(PulseResultsCard.ResultsVerb, async (context, action, ct) => (await ResultsAsync(context, action, ct)).ToInvokeResponse(), personalOnly: true);
    }

    /// <summary>The verb's typed data, or a problem card naming the field that is missing or not valid.</summary>
    private static async Task<AdaptiveCard> WithDataAsync<T>(CardActionRequest action, Func<T, Task<AdaptiveCard>> handle)
        where T : class
    {
        var data = action.DataAs<T>();
        return data.IsValid ? await handle(data.Value!) : PulseAnswerCards.Unreadable(data.Error ?? "The card's data is not valid.");
    }

    private async Task<AdaptiveCard> FormAsync(TurnContext context, CancellationToken ct)
    {
        var caller = await context.GetCallerAsync(ct);
        return caller.HasAny(Creators)
            ? PulseFormCard.Build((await directory.GetAsync(ct)).Units, service.MinimumGroupSize)
            : StatusCards.NotAllowed("start a pulse");
    }

    private async Task<AdaptiveCard> SubmitFormAsync(TurnContext context, CardActionRequest action, bool create, CancellationToken ct)
    {
        var caller = await context.GetCallerAsync(ct);
        if (!caller.HasAny(Creators))
        {
            return StatusCards.NotAllowed("start a pulse");
        }

        return await WithDataAsync<PulseFormData>(action, async form =>
        {
            var outcome = await service.SubmitFormAsync(form, create, ct);
            return outcome.Created
                ? PulseFormCard.Created(outcome.Definition!, outcome.Run!, outcome.Audience ?? 0, clocks.For(context, caller))
                : PulseFormCard.Build((await directory.GetAsync(ct)).Units, service.MinimumGroupSize, form, outcome);
        });
    }

    private async Task<AdaptiveCard> ResultsListAsync(TurnContext context, CancellationToken ct)
    {
        var caller = await context.GetCallerAsync(ct);
        return caller.HasAny(Readers)
            ? PulseResultsCard.ForPulses(await service.ListAsync(ct), clocks.For(context, caller))
            : StatusCards.NotAllowed("read pulse results");
    }

    private async Task<AdaptiveCard> ResultsAsync(TurnContext context, CardActionRequest action, CancellationToken ct)
    {
        var caller = await context.GetCallerAsync(ct);
        if (!caller.HasAny(Readers))
        {
            return StatusCards.NotAllowed("read pulse results");
        }

        return await WithDataAsync<PulseResultsData>(action, async data =>
        {
            if (await results.GetAsync(data.PulseId, data.RunId, data.Filter, ct) is not { } view)
            {
                return PulseAnswerCards.Unknown();
            }

            // The owner's view of the fan-out: counts only, never names (docs/anonymity.md#delivery-reports).
            var delivery = await deliveries.ReadAsync(PulseDeliveryReports.Run(view.RunId), ReportDetail.CountsOnly, null, ct);
            return PulseResultsCard.Build(view, delivery.Summary, clocks.For(context, caller));
        });
    }
}

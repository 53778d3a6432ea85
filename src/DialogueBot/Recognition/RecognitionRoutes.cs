using DialogueBot.BotFramework.Cards;
using DialogueBot.BotFramework.Routing;
using DialogueBot.BotFramework.Schema;
using DialogueBot.Cards;
using DialogueBot.Org;
using DialogueBot.Recognition.Cards;
using DialogueBot.Recognition.Model;
using DialogueBot.Recognition.Nominations;

namespace DialogueBot.Recognition;

/// <summary>
/// "recognise" and the recognition.* verbs. Personal chat only: a story about a person belongs to them,
/// their manager and the reviewers, not to a channel. Every rule and role check is in the service.
/// </summary>
public sealed class RecognitionRoutes(RecognitionService service, NominationRepository nominations, OrgDirectory directory) : IActivityRouteModule
{
    public void Map(ActivityRouter router)
    {
        router.OnCommand(RecognitionHelp.Command, CommandAsync, personalOnly: true);
        router.OnCommand(RecognitionHelp.CommandAlias, CommandAsync, personalOnly: true);
        router.OnCardAction(RecognitionVerbs.Form, async (c, _, ct) => await c.ReplyAsync(await FormAsync(c, null, null, ct), ct), personalOnly: true);
        router.OnCardAction(RecognitionVerbs.Nominate, async (c, a, ct) => await c.ReplyAsync(await NominateAsync(c, a, ct), ct), personalOnly: true);
        router.OnCardAction(RecognitionVerbs.Queue, async (c, a, ct) => await c.ReplyAsync(await QueueAsync(c, a.DataAs<QueueData>().Value?.Page ?? 0, null, ct), ct), personalOnly: true);
        router.OnCardAction(RecognitionVerbs.DeclineForm, async (c, a, ct) => await c.ReplyAsync(await DeclineFormAsync(c, a, ct), ct), personalOnly: true);
        router.OnCardAction(RecognitionVerbs.Review, async (c, a, ct) => await c.ReplyAsync(await ReviewAsync(c, a, ct), ct), personalOnly: true);
    }

    private async Task<InvokeResponse?> CommandAsync(TurnContext context, CancellationToken ct)
    {
        var argument = ActivityRouter.ArgumentOf(context.Activity.Text).Trim().ToLowerInvariant();
        var card = argument is "review" or "queue"
            ? await QueueAsync(context, 0, null, ct)
            : await FormAsync(context, null, null, ct);
        await context.SendAsync(card, ct);
        return null;
    }

    private async Task<AdaptiveCard> FormAsync(TurnContext context, NominationInput? values, IReadOnlyDictionary<string, string[]>? errors, CancellationToken ct)
    {
        var caller = await context.GetCallerAsync(ct);
        if (caller.Person is not { IsActive: true })
        {
            return NominationCards.Refused(RecognitionProblem.NotInOrgChart, "Nominations carry your name, and I can't find you in your organisation's chart. HR can add you.");
        }

        return NominationFormCard.Build(await service.NomineesForAsync(caller, ct), service.Options.EffectiveCategories, service.Options.MaxStoryLength, values, errors);
    }

    private async Task<AdaptiveCard> NominateAsync(TurnContext context, CardActionRequest action, CancellationToken ct)
    {
        var data = action.DataAs<NominateData>();
        if (!data.IsValid)
        {
            return StatusCards.Problem("This form is out of date", data.Error + " Type `recognise` for a fresh one.");
        }

        var input = new NominationInput(data.Value!.NomineeId, data.Value.Category, data.Value.Story, data.Value.SubmitId);
        var caller = await context.GetCallerAsync(ct);
        var result = await service.NominateAsync(caller, input, ct);
        if (result.Problem == RecognitionProblem.Invalid && result.Errors.Count > 0 && !result.Errors.ContainsKey("submitId"))
        {
            return await FormAsync(context, input, result.Errors, ct);
        }

        if (!result.Ok)
        {
            return NominationCards.Refused(result.Problem, result.Message);
        }

        var org = await directory.GetAsync(ct);
        var nominee = org.FindById(result.Nomination!.NomineeId);
        var manager = nominee is null ? null : org.ManagerOf(nominee);
        return NominationCards.Submitted(result.Nomination, nominee?.Name ?? "They", service.Options.TitleOf(result.Nomination.CategoryId), manager is not null && manager.Id != result.Nomination.NominatorId);
    }

    private async Task<AdaptiveCard> QueueAsync(TurnContext context, int page, string? notice, CancellationToken ct)
    {
        var caller = await context.GetCallerAsync(ct);
        if (!RecognitionService.CanReview(caller))
        {
            return StatusCards.NotAllowed("review nominations");
        }

        var pending = await service.ListAsync(NominationState.Pending, ct);
        return ReviewCards.Queue(pending, await service.OverviewAsync(ct), await directory.GetAsync(ct), service.Options, page, notice);
    }

    private async Task<AdaptiveCard> DeclineFormAsync(TurnContext context, CardActionRequest action, CancellationToken ct)
    {
        var caller = await context.GetCallerAsync(ct);
        if (!RecognitionService.CanReview(caller))
        {
            return StatusCards.NotAllowed("review nominations");
        }

        var data = action.DataAs<DeclineFormData>();
        var nomination = data.IsValid ? await nominations.FindAsync(data.Value!.NominationId, ct) : null;
        return nomination is null ? StatusCards.Stale() : ReviewCards.DeclineForm(nomination, await directory.GetAsync(ct), service.Options);
    }

    private async Task<AdaptiveCard> ReviewAsync(TurnContext context, CardActionRequest action, CancellationToken ct)
    {
        var caller = await context.GetCallerAsync(ct);
        if (!RecognitionService.CanReview(caller))
        {
            return StatusCards.NotAllowed("review nominations");
        }

        var data = action.DataAs<ReviewData>();
        if (!data.IsValid)
        {
            return StatusCards.Problem("This card is out of date", data.Error!);
        }

        var review = data.Value!;
        var result = await service.ReviewAsync(caller, review.NominationId, review.Action, review.Reason, ct);
        if (result.Problem == RecognitionProblem.Invalid && result.Nomination is { } declining)
        {
            return ReviewCards.DeclineForm(declining, await directory.GetAsync(ct), service.Options, result.Message); // the reason was missing or too long
        }

        return result.Problem switch
        {
            RecognitionProblem.None or RecognitionProblem.WrongState => await QueueAsync(context, 0, result.Message, ct),
            _ => NominationCards.Refused(result.Problem, result.Message),
        };
    }
}

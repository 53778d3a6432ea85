using DialogueBot.BotFramework.Cards;
using DialogueBot.BotFramework.Routing;
using DialogueBot.BotFramework.Schema;
using DialogueBot.Cards;
using DialogueBot.Consultation.Cards;
using DialogueBot.Consultation.Consultations;
using DialogueBot.Org;
using static DialogueBot.Consultation.Cards.ConsultationCardParts;

namespace DialogueBot.Consultation;

/// <summary>
/// The "consult" command and the consult.* card verbs. An adapter: it reads the verb's typed data, calls the
/// service and maps the result to a card. Every rule (who may, when, how often) is in <see cref="ConsultationService"/>.
/// Input verbs are personal-scope only: a rating or an anonymous item never passes through a channel.
/// </summary>
public sealed class ConsultationRoutes(ConsultationService service, OrgDirectory directory) : IActivityRouteModule
{
    public void Map(ActivityRouter router)
    {
        router.OnCommand("consult", async (context, ct) =>
        {
            var caller = await context.GetCallerAsync(ct);
            var list = await service.ListAsync(caller, ct);
            return await context.ReplyAsync(DraftFormCard.List(list, c => ConsultationAccess.CanManage(c, caller), caller.HasAny(ConsultationAccess.Drafters)), ct);
        }, personalOnly: true);

        Verb<ConsultationRef>(router, BriefVerb, async (caller, d, ct) => await BriefAsync(caller, await service.GetAsync(caller, d.ConsultationId, ct), ct));
        Verb<ConsultRateData>(router, RateVerb, async (caller, d, ct) => await BriefAsync(caller, await service.RateAsync(caller, d.ConsultationId, d.SupportValue, d.ImpactValue, ct), ct));
        Verb<ConsultRaiseData>(router, RaiseVerb, async (caller, d, ct) =>
            await BriefAsync(caller, await service.RaiseAsync(caller, d.ConsultationId, d.KindValue, d.Text, d.Anonymous ?? false, d.SubmitId, d.Force ?? false, ct), ct));
        Verb<ConsultVolunteerData>(router, VolunteerVerb, async (caller, d, ct) => await BriefAsync(caller, await service.VolunteerAsync(caller, d.ConsultationId, d.On, ct), ct));
        Verb<ConsultVoteData>(router, VoteVerb, async (caller, d, ct) => await BoardAsync(caller, d.ConsultationId, await service.VoteAsync(caller, d.ConsultationId, d.ConcernId, d.On, ct), ct));
        Verb<ConsultationRef>(router, BoardVerb, async (caller, d, ct) => await BoardAsync(caller, d.ConsultationId, null, ct));
        Verb<ConsultAnswerData>(router, AnswerVerb, async (caller, d, ct) => await BoardAsync(caller, d.ConsultationId, await service.AnswerAsync(caller, d.ConsultationId, d.ConcernId, d.Answer, ct), ct));
        Verb<ConsultMergeData>(router, MergeVerb, async (caller, d, ct) => await BoardAsync(caller, d.ConsultationId, await service.MergeAsync(caller, d.ConsultationId, d.SourceId, d.TargetId, ct), ct));
        Verb<ConsultationRef>(router, ResultsVerb, async (caller, d, ct) => await ExecutiveAsync(caller, d.ConsultationId, null, ct));
        Verb<ConsultationRef>(router, EndVerb, async (caller, d, ct) => await ExecutiveAsync(caller, d.ConsultationId, await service.EndWindowAsync(caller, d.ConsultationId, ct), ct));
        Verb<ConsultDecideData>(router, DecideVerb, async (caller, d, ct) =>
            await ExecutiveAsync(caller, d.ConsultationId, await service.DecideAsync(caller, d.ConsultationId, d.OutcomeValue, d.WhatChanged, d.TalkingPoints, d.AnnouncementAt, ct), ct));

        router.OnCardAction(FormVerb, async (context, _, ct) =>
            ((await context.GetCallerAsync(ct)).HasAny(ConsultationAccess.Drafters) ? DraftFormCard.Build((await directory.GetAsync(ct)).Units) : StatusCards.NotAllowed("start a consultation")).ToInvokeResponse(), personalOnly: true);
        Verb<ConsultCreateData>(router, CreateVerb, async (caller, d, ct) =>
        {
            var created = await service.CreateAsync(caller, d.ToDraft(), ct);
            return created.Ok
                ? await ExecutiveAsync(caller, created.Consultation!.Id, created, ct)
                : created.Problem == ConsultationProblem.NotAllowed
                    ? StatusCards.NotAllowed("start a consultation")
                    : DraftFormCard.Build((await directory.GetAsync(ct)).Units, d, created.Errors);
        });
    }

    private static void Verb<T>(ActivityRouter router, string verb, Func<Caller, T, CancellationToken, Task<AdaptiveCard>> handle)
        where T : class =>
        router.OnCardAction(verb, async (context, action, ct) =>
        {
            var data = action.DataAs<T>();
            var card = data.IsValid
                ? await handle(await context.GetCallerAsync(ct), data.Value!, ct)
                : StatusCards.Problem("This card could not be read", data.Error ?? "The card's data is not valid.");
            return card.ToInvokeResponse();
        }, personalOnly: true);

    /// <summary>The brief again, with what the step did on top (never echoing a rating or an item's text).</summary>
    private async Task<AdaptiveCard> BriefAsync(Caller caller, ConsultationResult result, CancellationToken ct)
    {
        if (result.Consultation is not { } consultation || result.Problem is ConsultationProblem.NotFound or ConsultationProblem.NotAllowed)
        {
            return Problem(result);
        }

        if (!ConsultationAccess.IsConsulted(consultation, caller))
        {
            return await ExecutiveAsync(caller, consultation.Id, null, ct);
        }

        var state = new BriefCardState(
            service.TakesInputNow(consultation),
            await service.HasRatedAsync(consultation, caller, ct),
            await service.IsVolunteerAsync(consultation, caller, ct),
            service.OffersAnonymity(consultation),
            service.MinimumGroupSize)
        {
            Message = result.Problem == ConsultationProblem.Duplicate ? result.Message + " To raise yours anyway, type it again and press \"Raise mine anyway\"." : result.Message,
            MessageIsProblem = !result.Ok,
            Duplicate = result.Duplicate,
        };
        return BriefCard.Build(consultation, state);
    }

    private async Task<AdaptiveCard> BoardAsync(Caller caller, string id, ConsultationResult? step, CancellationToken ct)
    {
        if (step is { Problem: ConsultationProblem.NotFound or ConsultationProblem.NotAllowed })
        {
            return Problem(step);
        }

        var (board, problem) = await service.BoardAsync(caller, id, ct);
        return board is null ? Problem(problem!) : ConcernBoardCard.Build(board, step?.Message, step is { Ok: false });
    }

    private async Task<AdaptiveCard> ExecutiveAsync(Caller caller, string id, ConsultationResult? step, CancellationToken ct)
    {
        if (step is { Problem: ConsultationProblem.NotFound or ConsultationProblem.NotAllowed })
        {
            return Problem(step);
        }

        var (results, problem) = await service.ResultsAsync(caller, id, ct);
        if (results is null)
        {
            return Problem(problem!);
        }

        var consultation = (await service.GetAsync(caller, id, ct)).Consultation!;
        var view = new ExecutiveView(consultation, await service.TimelineAsync(consultation, ct), results, await service.VolunteersAsync(caller, consultation, ct) ?? [], service.OutcomeLeadTime);
        return ExecutiveCard.Build(view, step?.Message, step is { Ok: false }, step?.Errors);
    }

    private static AdaptiveCard Problem(ConsultationResult result) => result.Problem switch
    {
        ConsultationProblem.NotAllowed => StatusCards.Problem("Not for you", result.Message),
        ConsultationProblem.NotFound => StatusCards.Problem("Not found", result.Message),
        _ => StatusCards.Problem("That did not work", result.Message),
    };
}

using System.Globalization;
using DialogueBot.BotFramework.Cards;
using DialogueBot.BotFramework.Routing;
using DialogueBot.BotFramework.Schema;
using DialogueBot.Cards;
using DialogueBot.Conversations.Delivery;
using DialogueBot.Org;
using DialogueBot.Pulse.Answering;
using DialogueBot.Pulse.Cards;
using DialogueBot.Pulse.Definitions;
using DialogueBot.Pulse.Delivery;
using DialogueBot.Pulse.Lifecycle;
using DialogueBot.Pulse.Model;
using DialogueBot.Pulse.Results;
using DialogueBot.Pulse.Runs;

namespace DialogueBot.Pulse;

/// <summary>Pulse commands ("pulse", "results") and card verbs (pulse.answer, pulse.refresh, pulse.results, pulse.create, pulse.preview, pulse.form).</summary>
public sealed class PulseRoutes(
    PulseAnswering answering,
    PulseResultsService results,
    PulseService service,
    PulseDefinitionRepository definitions,
    PulseRunRepository runs,
    OrgDirectory directory,
    DeliveryReports deliveries,
    TimeProvider time) : IActivityRouteModule
{
    public const OrgRole Creators = OrgRole.HR | OrgRole.Executive;
    public const OrgRole Readers = OrgRole.HR | OrgRole.Executive;

    public void Map(ActivityRouter router)
    {
        // Answers and results are personal-scope only (issue 12): the router refuses them in a channel or group chat.
        router.OnCardAction(PulseQuestionCard.AnswerVerb, async (context, action, ct) =>
            (await answering.AnswerAsync(await context.GetCallerAsync(ct), action, context.ClientTimeZone, ct)).ToInvokeResponse(), personalOnly: true);
        router.OnCardAction(PulseQuestionCard.RefreshVerb, async (context, action, ct) =>
            (await answering.RefreshAsync(await context.GetCallerAsync(ct), action, ct)).ToInvokeResponse());

        router.OnCommand("pulse", async (context, ct) => await ReplyAsync(context, await FormAsync(context, ct), ct));
        router.OnCardAction(PulseFormCard.FormVerb, async (context, _, ct) => (await FormAsync(context, ct)).ToInvokeResponse());
        router.OnCardAction(PulseFormCard.PreviewVerb, async (context, action, ct) => (await SubmitFormAsync(context, action, create: false, ct)).ToInvokeResponse());
        router.OnCardAction(PulseFormCard.CreateVerb, async (context, action, ct) => (await SubmitFormAsync(context, action, create: true, ct)).ToInvokeResponse());

        router.OnCommand("results", async (context, ct) => await ReplyAsync(context, await ResultsListAsync(context, ct), ct), personalOnly: true);
        router.OnCardAction(PulseResultsCard.ResultsVerb, async (context, action, ct) => (await ResultsAsync(context, action, ct)).ToInvokeResponse(), personalOnly: true);
    }

    private static async Task<InvokeResponse?> ReplyAsync(TurnContext context, AdaptiveCard card, CancellationToken ct)
    {
        await context.SendAsync(card, ct);
        return null;
    }

    private async Task<AdaptiveCard> FormAsync(TurnContext context, CancellationToken ct)
    {
        var caller = await context.GetCallerAsync(ct);
        if (!caller.HasAny(Creators))
        {
            return StatusCards.NotAllowed("start a pulse");
        }

        return PulseFormCard.Build((await directory.GetAsync(ct)).Units, service.MinimumGroupSize);
    }

    private async Task<AdaptiveCard> SubmitFormAsync(TurnContext context, CardActionRequest action, bool create, CancellationToken ct)
    {
        var caller = await context.GetCallerAsync(ct);
        if (!caller.HasAny(Creators))
        {
            return StatusCards.NotAllowed("start a pulse");
        }

        var org = await directory.GetAsync(ct);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in new[] { "title", "template", "unit", "managersOnly", "days" })
        {
            var v = action.GetString(key) ?? action.GetInt64(key)?.ToString(CultureInfo.InvariantCulture);
            if (v is not null)
            {
                values[key] = CardText.Clean(v, 200);
            }
        }

        var template = PulseTemplates.Find(values.GetValueOrDefault("template"));
        var days = double.TryParse(values.GetValueOrDefault("days"), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : 0;
        var now = time.GetUtcNow();
        var draft = new PulseDraft
        {
            Title = values.GetValueOrDefault("title"),
            Questions = template?.Questions.Select(q => new QuestionDraft(q.Kind.ToString(), q.Text, q.Required, q.Choices?.ToList())).ToList(),
            Audience = new AudienceDraft(values.GetValueOrDefault("unit") is { Length: > 0 } unit && unit != PulseFormCard.EveryoneUnit ? [unit] : [], [], values.GetValueOrDefault("managersOnly") != "false"),
            OpensAt = now,
            ClosesAt = days is >= 1 and <= 30 ? now.AddDays(Math.Round(days)) : null,
        };
        var (valid, errors) = PulseDraftValidator.Validate(draft, now, org.Units);
        if (template is null)
        {
            errors["template"] = ["Pick a question set."];
        }

        if (!(days is >= 1 and <= 30))
        {
            errors["days"] = ["A pulse stays open 1 to 30 days."];
        }

        var audience = valid is null ? null : AudienceResolver.Resolve(org, valid.Audience);
        if (audience is not null && audience.Count < service.MinimumGroupSize)
        {
            errors["audience"] = [$"This audience has {audience.Count} people: below {service.MinimumGroupSize}, no result could ever be shown. Choose a wider group."];
        }

        if (valid is null || errors.Count > 0 || !create)
        {
            return PulseFormCard.Build(org.Units, service.MinimumGroupSize, values, errors.Count > 0 ? errors : null, audience?.Count);
        }

        var (definition, run) = await service.CreateAsync(valid, ct);
        return PulseFormCard.Created(definition, run, audience!.Count);
    }

    private async Task<AdaptiveCard> ResultsListAsync(TurnContext context, CancellationToken ct)
    {
        var caller = await context.GetCallerAsync(ct);
        if (!caller.HasAny(Readers))
        {
            return StatusCards.NotAllowed("read pulse results");
        }

        var allRuns = await runs.ListAsync(ct);
        var list = new List<(string, string, string)>();
        foreach (var definition in (await definitions.ListAsync(ct)).OrderByDescending(d => d.FirstOpensAt).Take(10))
        {
            var latest = allRuns.Where(r => r.PulseId == definition.Id).MaxBy(r => r.Sequence);
            var state = latest is null ? "scheduled" : latest.Status == PulseRunEntity.Closed ? $"closed {PulseQuestionCard.Day(latest.ClosesAt)}" : $"{latest.Status}, closes {PulseQuestionCard.Day(latest.ClosesAt)}";
            list.Add((definition.Id, definition.Title, state));
        }

        return PulseResultsCard.List(list);
    }

    private async Task<AdaptiveCard> ResultsAsync(TurnContext context, CardActionRequest action, CancellationToken ct)
    {
        var caller = await context.GetCallerAsync(ct);
        if (!caller.HasAny(Readers))
        {
            return StatusCards.NotAllowed("read pulse results");
        }

        var view = await results.GetAsync(action.GetString("pulseId") ?? "", action.GetString("runId"), action.GetString("filter"), ct);
        if (view is null)
        {
            return PulseAnswerCards.Unknown();
        }

        // The owner's view of the fan-out: counts only, never names (docs/anonymity.md#delivery-reports).
        var delivery = await deliveries.ReadAsync(PulseDeliveryReports.Run(view.RunId), ReportDetail.CountsOnly, null, ct);
        return PulseResultsCard.Build(view, delivery.Summary);
    }
}

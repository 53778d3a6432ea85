using DialogueBot.BotFramework.Cards;
using DialogueBot.BotFramework.Routing;
using DialogueBot.Infrastructure.Anonymity.ScopeKeys;
using DialogueBot.Org;
using DialogueBot.Pulse.Cards;
using DialogueBot.Pulse.Definitions;
using DialogueBot.Pulse.Model;
using DialogueBot.Pulse.Runs;
using DialogueBot.Pulse.Submissions;
using Microsoft.Extensions.Options;

namespace DialogueBot.Pulse.Answering;

/// <summary>Handles a press of "Send anonymously": validate, record once, answer with the card that replaces the pulse.</summary>
public sealed class PulseAnswering(
    PulseRunRepository runs,
    PulseDefinitionRepository definitions,
    PulseSubmissionRepository submissions,
    IScopeKeyStore keys,
    OrgDirectory directory,
    Lifecycle.PulseService service,
    Microsoft.Extensions.Options.IOptions<PulseOptions> options,
    IOptions<OrgOptions> orgOptions,
    TimeProvider time)
{
    /// <param name="clientTimeZone">The person's time zone as their client reports it (for the receipt's close time), or null.</param>
    public async Task<AdaptiveCard> AnswerAsync(Caller caller, CardActionRequest action, string? clientTimeZone, CancellationToken cancellationToken)
    {
        var (pressed, refusal) = await OpenForAsync(caller, action, cancellationToken);
        if (pressed is null)
        {
            return refusal!;
        }

        var (definition, run, person, runKey) = pressed;
        var result = AnswerValidator.Validate(definition.QuestionList, action.Data);
        if (!result.IsValid)
        {
            return PulseQuestionCard.Build(definition, run, service.MinimumGroupSize, result.Raw, result.Errors);
        }

        var audience = AudienceResolver.Resolve(await directory.GetAsync(cancellationToken), definition.AudienceValue);
        var cohort = AudienceResolver.CohortOf(person, audience, service.MinimumGroupSize);
        var written = await submissions.TrySubmitAsync(runKey, caller.AadObjectId, new PendingAnswer(PulseAnswers.Serialize(result.Answers), cohort.Unit, cohort.Level), cancellationToken);
        if (written is not { } rows)
        {
            return PulseAnswerCards.AlreadyAnswered(definition, run);
        }

        if (!await StillTakesAnswersAsync(run.Id, cancellationToken))
        {
            // The run closed while this answer was being written and publication may have read the table
            // already: take the answer back rather than leave it uncounted behind a "thank you".
            await submissions.WithdrawAsync(run.Id, rows, cancellationToken);
            return PulseAnswerCards.Closed(definition, run);
        }

        return PulseAnswerCards.ThankYou(definition, run, ZoneFor(clientTimeZone, person), service.MinimumGroupSize);
    }

    /// <summary>
    /// True while the run is open, or closing within the grace before publication reads the pending answers
    /// (less a margin for clocks of different instances): an answer written by then is certain to be published.
    /// </summary>
    private async Task<bool> StillTakesAnswersAsync(string runId, CancellationToken cancellationToken)
    {
        var now = await runs.FindAsync(runId, cancellationToken);
        var margin = options.Value.CloseGrace / 3;
        return now?.Status == PulseRunEntity.Open
            || (now?.Status == PulseRunEntity.Closing && time.GetUtcNow() < (now.ClosingSince ?? DateTimeOffset.MinValue) + options.Value.CloseGrace - margin);
    }

    /// <summary>
    /// The pulse card's automatic refresh (Teams asks when the card is shown again): the same question card
    /// while the pulse waits for this person's answer, else the card that says why it no longer takes one
    /// (closed, already answered, e.g. on the reminder card). Nothing is written.
    /// </summary>
    public async Task<AdaptiveCard> RefreshAsync(Caller caller, CardActionRequest action, CancellationToken cancellationToken)
    {
        var (pressed, refusal) = await OpenForAsync(caller, action, cancellationToken);
        return pressed is null ? refusal! : PulseQuestionCard.Build(pressed.Definition, pressed.Run, service.MinimumGroupSize, reminder: action.GetInt64(PulseQuestionCard.ReminderField) == 1);
    }

    /// <summary>The pulse and run a press is about, or the card refusing it: unknown, stale, not for this person, closed or already answered.</summary>
    private async Task<(PressedPulse? Pressed, AdaptiveCard? Refusal)> OpenForAsync(Caller caller, CardActionRequest action, CancellationToken cancellationToken)
    {
        var run = await runs.FindAsync(action.GetString("runId"), cancellationToken);
        var definition = run is null ? null : await definitions.FindAsync(run.PulseId, cancellationToken);
        if (run is null || definition is null)
        {
            return (null, PulseAnswerCards.Unknown());
        }

        if (action.GetInt64("v") != PulseQuestionCard.Version)
        {
            return (null, DialogueBot.Cards.StatusCards.Stale());
        }

        if (caller.Person is null || caller.AadObjectId.Length == 0 || !AudienceResolver.Includes(definition.AudienceValue, caller.Person))
        {
            return (null, PulseAnswerCards.NotInAudience());
        }

        if (run.IsClosed(time.GetUtcNow()) || run.Status != PulseRunEntity.Open)
        {
            return (null, PulseAnswerCards.Closed(definition, run));
        }

        if (await keys.FindAsync(run.Id, cancellationToken) is not { } runKey)
        {
            return (null, PulseAnswerCards.Closed(definition, run));
        }

        if (await submissions.HasAnsweredAsync(runKey, caller.AadObjectId, cancellationToken))
        {
            return (null, PulseAnswerCards.AlreadyAnswered(definition, run));
        }

        return (new PressedPulse(definition, run, caller.Person, runKey), null);
    }

    /// <summary>The client's time zone, else the person's own from the org chart, else the organisation's; UTC if none is known here.</summary>
    private TimeZoneInfo ZoneFor(string? clientTimeZone, OrgPerson person) =>
        new[] { clientTimeZone, person.TimeZone, orgOptions.Value.TimeZone }
            .Select(id => !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null)
            .FirstOrDefault(zone => zone is not null) ?? TimeZoneInfo.Utc;

    /// <summary>An open pulse run that waits for this person's answer, and the run's key.</summary>
    private sealed record PressedPulse(PulseDefinitionEntity Definition, PulseRunEntity Run, OrgPerson Person, ScopeKey RunKey);
}

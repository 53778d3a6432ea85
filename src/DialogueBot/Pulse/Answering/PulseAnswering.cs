using DialogueBot.Infrastructure.Anonymity.ScopeKeys;
using DialogueBot.Org;
using DialogueBot.Pulse.Cards;
using DialogueBot.Pulse.Definitions;
using DialogueBot.Pulse.Model;
using DialogueBot.Pulse.Runs;
using DialogueBot.Pulse.Submissions;
using Microsoft.Extensions.Options;

namespace DialogueBot.Pulse.Answering;

/// <summary>
/// Handles a press of "Send anonymously" (validate, record once) and the pulse card's refresh, and says what
/// came of it (<see cref="AnswerResult"/>); the route turns that into the card that replaces the pulse.
/// </summary>
public sealed class PulseAnswering(
    PulseRunRepository runs,
    PulseDefinitionRepository definitions,
    PulseSubmissionRepository submissions,
    IScopeKeyStore keys,
    OrgDirectory directory,
    Lifecycle.PulseService service,
    IOptions<PulseOptions> options,
    IOptions<OrgOptions> orgOptions,
    TimeProvider time)
{
    /// <param name="clientTimeZone">The person's time zone as their client reports it (for the receipt's close time), or null.</param>
    /// <param name="replyAddress">The 1:1 chat the press came from: kept (sealed with the answer) only if they ticked "leaders may reply to me anonymously".</param>
    public async Task<AnswerResult> AnswerAsync(Caller caller, PulseAnswerData data, string? clientTimeZone, CancellationToken cancellationToken, Insights.ReplyAddress? replyAddress = null)
    {
        var (pressed, refusal) = await OpenForAsync(caller, data.RunId, data.V, cancellationToken);
        if (pressed is null)
        {
            return refusal!;
        }

        var (definition, run, person, runKey) = pressed;
        var result = AnswerValidator.Validate(definition.Questions, data.Inputs ?? []);
        if (!result.IsValid)
        {
            return new AnswerResult(AnswerOutcome.Invalid, definition, run) { Values = result.Raw, Errors = result.Errors };
        }

        var audience = AudienceResolver.Resolve(await directory.GetAsync(cancellationToken), definition.Audience);
        var cohort = AudienceResolver.CohortOf(person, audience, service.MinimumGroupSize);
        // Only with a comment to reply to, and only when ticked: the author inside the sealed pending row.
        var replyTo = replyAddress is not null && ReplyOptIn.IsTicked(data.Inputs) && definition.Questions.Any(q => q.Kind == QuestionKind.Text && result.Answers.ContainsKey(q.Id))
            ? (replyAddress with { AadObjectId = caller.AadObjectId }).ToJson()
            : null;
        var written = await submissions.TrySubmitAsync(runKey, caller.AadObjectId, new PendingAnswer(PulseAnswers.Serialize(result.Answers), cohort.Unit, cohort.Level, replyTo), cancellationToken);
        if (written is not { } rows)
        {
            return AnswerResult.Refused(AnswerOutcome.AlreadyAnswered, definition, run);
        }

        if (!await StillTakesAnswersAsync(run.Id, cancellationToken))
        {
            // The run closed while this answer was being written and publication may have read the table
            // already: take the answer back rather than leave it uncounted behind a "thank you".
            await submissions.WithdrawAsync(run.Id, rows, cancellationToken);
            return AnswerResult.Refused(AnswerOutcome.Closed, definition, run);
        }

        return new AnswerResult(AnswerOutcome.Ready, definition, run) { Zone = ZoneFor(clientTimeZone, person) };
    }

    /// <summary>Whether the run, as it is now, still takes this answer (see <see cref="PulseRun.StillTakesAnswers"/>).</summary>
    private async Task<bool> StillTakesAnswersAsync(string runId, CancellationToken cancellationToken) =>
        (await runs.FindAsync(runId, cancellationToken))?.StillTakesAnswers(time.GetUtcNow(), options.Value.CloseGrace) == true;

    /// <summary>
    /// The pulse card's automatic refresh (Teams asks when the card is shown again): the same question card
    /// while the pulse waits for this person's answer, else the card that says why it no longer takes one
    /// (closed, already answered, e.g. on the reminder card). Nothing is written.
    /// </summary>
    public async Task<AnswerResult> RefreshAsync(Caller caller, PulseRefreshData data, CancellationToken cancellationToken)
    {
        var (pressed, refusal) = await OpenForAsync(caller, data.RunId, data.V, cancellationToken);
        return pressed is null ? refusal! : new AnswerResult(AnswerOutcome.Ready, pressed.Definition, pressed.Run) { Reminder = data.Reminder };
    }

    /// <summary>The pulse and run a press is about, or the card refusing it: unknown, stale, not for this person, closed or already answered.</summary>
    private async Task<(PressedPulse? Pressed, AnswerResult? Refusal)> OpenForAsync(Caller caller, string runId, int? version, CancellationToken cancellationToken)
    {
        var run = await runs.FindAsync(runId, cancellationToken);
        var definition = run is null ? null : await definitions.FindAsync(run.PulseId, cancellationToken);
        if (run is null || definition is null)
        {
            return (null, AnswerResult.Refused(AnswerOutcome.Unknown));
        }

        if (version != PulseQuestionCard.Version)
        {
            return (null, AnswerResult.Refused(AnswerOutcome.Stale));
        }

        if (caller.Person is null || caller.AadObjectId.Length == 0 || !AudienceResolver.Includes(definition.Audience, caller.Person))
        {
            return (null, AnswerResult.Refused(AnswerOutcome.NotInAudience, definition, run));
        }

        if (run.IsClosed(time.GetUtcNow()) || run.Status != RunStatus.Open)
        {
            return (null, AnswerResult.Refused(AnswerOutcome.Closed, definition, run));
        }

        if (await keys.FindAsync(run.Id, cancellationToken) is not { } runKey)
        {
            return (null, AnswerResult.Refused(AnswerOutcome.Closed, definition, run));
        }

        if (await submissions.HasAnsweredAsync(runKey, caller.AadObjectId, cancellationToken))
        {
            return (null, AnswerResult.Refused(AnswerOutcome.AlreadyAnswered, definition, run));
        }

        return (new PressedPulse(definition, run, caller.Person, runKey), null);
    }

    /// <summary>The client's time zone, else the person's own from the org chart, else the organisation's; UTC if none is known here.</summary>
    private TimeZoneInfo ZoneFor(string? clientTimeZone, OrgPerson person) =>
        new[] { clientTimeZone, person.TimeZone, orgOptions.Value.TimeZone }
            .Select(id => !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null)
            .FirstOrDefault(zone => zone is not null) ?? TimeZoneInfo.Utc;

    /// <summary>An open pulse run that waits for this person's answer, and the run's key.</summary>
    private sealed record PressedPulse(PulseDefinition Definition, PulseRun Run, OrgPerson Person, ScopeKey RunKey);
}

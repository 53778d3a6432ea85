using DialogueBot.BotFramework.Cards;
using DialogueBot.BotFramework.Routing;
using DialogueBot.Org;
using DialogueBot.Pulse.Cards;
using DialogueBot.Pulse.Definitions;
using DialogueBot.Pulse.Model;
using DialogueBot.Pulse.Runs;
using DialogueBot.Pulse.Submissions;

namespace DialogueBot.Pulse.Answering;

/// <summary>Handles a press of "Send anonymously": validate, record once, answer with the card that replaces the pulse.</summary>
public sealed class PulseAnswering(
    PulseRunRepository runs,
    PulseDefinitionRepository definitions,
    PulseSubmissionRepository submissions,
    OrgDirectory directory,
    Lifecycle.PulseService service,
    TimeProvider time)
{
    public async Task<AdaptiveCard> AnswerAsync(Caller caller, CardActionRequest action, CancellationToken cancellationToken)
    {
        var run = await runs.FindAsync(action.GetString("runId"), cancellationToken);
        var definition = run is null ? null : await definitions.FindAsync(run.PulseId, cancellationToken);
        if (run is null || definition is null)
        {
            return PulseAnswerCards.Unknown();
        }

        if (action.GetInt64("v") != PulseQuestionCard.Version)
        {
            return DialogueBot.Cards.StatusCards.Stale();
        }

        var org = await directory.GetAsync(cancellationToken);
        if (caller.Person is null || caller.AadObjectId.Length == 0 || !AudienceResolver.Includes(definition.AudienceValue, caller.Person))
        {
            return PulseAnswerCards.NotInAudience();
        }

        if (run.IsClosed(time.GetUtcNow()) || run.Status != PulseRunEntity.Open)
        {
            return PulseAnswerCards.Closed(definition, run);
        }

        if (await submissions.HasAnsweredAsync(run.Id, caller.AadObjectId, cancellationToken))
        {
            return PulseAnswerCards.AlreadyAnswered(definition, run);
        }

        var questions = definition.QuestionList;
        var result = AnswerValidator.Validate(questions, action.Data);
        if (!result.IsValid)
        {
            return PulseQuestionCard.Build(definition, run, result.Raw, result.Errors);
        }

        var audience = AudienceResolver.Resolve(org, definition.AudienceValue);
        var cohort = AudienceResolver.CohortOf(caller.Person, audience, service.MinimumGroupSize);
        return await submissions.TrySubmitAsync(run.Id, caller.AadObjectId, PulseAnswers.Serialize(result.Answers), cohort, cancellationToken)
            ? PulseAnswerCards.ThankYou(definition, run, result.Answers)
            : PulseAnswerCards.AlreadyAnswered(definition, run);
    }
}

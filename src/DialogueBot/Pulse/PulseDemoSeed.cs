using DialogueBot.Demo;
using DialogueBot.Org;
using DialogueBot.Pulse.Definitions;
using DialogueBot.Pulse.Lifecycle;
using DialogueBot.Pulse.Model;

namespace DialogueBot.Pulse;

/// <summary>For `make run`: an open engagement pulse for every manager, so Alex gets a pulse card right after installing.</summary>
public sealed class PulseDemoSeed(PulseDefinitionRepository definitions, PulseService service, OrgDirectory directory, TimeProvider time) : IDemoSeed
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if ((await definitions.ListAsync(cancellationToken)).Count > 0)
        {
            return;
        }

        var template = PulseTemplates.All[0];
        var now = time.GetUtcNow();
        var draft = new PulseDraft
        {
            Title = "Q3 strategy check-in",
            Questions = template.Questions.Select(q => new QuestionDraft(q.Kind.ToString(), q.Text, q.Required, q.Choices?.ToList())).ToList(),
            Audience = new AudienceDraft(ManagersOnly: true),
            OpensAt = now,
            ClosesAt = now.AddDays(5),
        };
        var (valid, errors) = PulseDraftValidator.Validate(draft, now, (await directory.GetAsync(cancellationToken)).Units);
        if (valid is null)
        {
            throw new InvalidOperationException("The demo pulse is invalid: " + string.Join("; ", errors.SelectMany(e => e.Value)));
        }

        await service.CreateAsync(valid, cancellationToken);
    }
}

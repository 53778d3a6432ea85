using DialogueBot.Demo;
using DialogueBot.Pulse.Definitions;
using DialogueBot.Pulse.Lifecycle;
using DialogueBot.Pulse.Model;

namespace DialogueBot.Pulse;

/// <summary>For `make run`: an open engagement pulse for every manager, so Alex gets a pulse card right after installing.</summary>
public sealed class PulseDemoSeed(PulseDefinitionRepository definitions, PulseService service, TimeProvider time) : IDemoSeed
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
            Questions = template.Questions.Select(QuestionDraft.Of).ToList(),
            Audience = new AudienceDraft(ManagersOnly: true),
            OpensAt = now,
            ClosesAt = now.AddDays(5),
        };
        var outcome = await service.CreateAsync(draft, cancellationToken);
        if (!outcome.Created)
        {
            throw new InvalidOperationException("The demo pulse is invalid: " + string.Join("; ", outcome.Errors.SelectMany(e => e.Value)));
        }
    }
}

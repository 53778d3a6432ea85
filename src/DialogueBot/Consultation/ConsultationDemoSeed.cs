using DialogueBot.Consultation.Consultations;
using DialogueBot.Consultation.Model;
using DialogueBot.Demo;
using DialogueBot.Org;

namespace DialogueBot.Consultation;

/// <summary>For `make run`: an open consultation by Megan (CEO) to every manager, with two items already on the board.</summary>
public sealed class ConsultationDemoSeed(ConsultationRepository consultations, ConsultationService service, OrgDirectory directory, TimeProvider time) : IDemoSeed
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if ((await consultations.ListAsync(cancellationToken)).Count > 0)
        {
            return;
        }

        var org = await directory.GetAsync(cancellationToken);
        if (org.FindById("p01") is not { } megan)
        {
            return; // not the demo org
        }

        var created = await service.CreateAsync(new Caller(megan.AadObjectId ?? megan.Id, megan), new ConsultationDraft
        {
            Title = "Move to a four-day office week",
            Proposal = "From the next quarter, teams work from the office Monday to Thursday and remotely on Fridays.",
            Context = "Collaboration scores dropped two pulses in a row, and new joiners say they learn slowly remotely.",
            OptionsConsidered = "Three office days chosen by each team; a fixed two-day anchor; no change.",
            Constraints = "The Manchester office has 60% desk capacity until the refit in spring.",
            OpenToInput = "Which days, exceptions for carers and long commutes, and how teams phase it in.",
            NotOpenToInput = "Whether we increase office time: that decision is made.",
            ClosesAt = time.GetUtcNow().AddDays(7),
        }, cancellationToken);
        if (!created.Ok)
        {
            throw new InvalidOperationException("The demo consultation is invalid: " + created.Message);
        }

        var id = created.Consultation!.Id;
        foreach (var (personId, text, anonymous) in new[]
        {
            ("p13", "Carers on our team cannot do four fixed days; we need a clear exception process.", true),
            ("p18", "Could teams choose the remote day instead of everyone being out on Friday?", false),
        })
        {
            if (org.FindById(personId) is { } person)
            {
                await service.RaiseAsync(new Caller(person.AadObjectId ?? person.Id, person), id, anonymous ? ConcernKind.Concern : ConcernKind.Idea, text, anonymous, null, force: true, cancellationToken);
            }
        }
    }
}

using DialogueBot.Conversations;
using DialogueBot.Consultation.Cards;
using DialogueBot.Consultation.Consultations;
using DialogueBot.Consultation.Deliveries;
using DialogueBot.Consultation.Model;
using DialogueBot.Infrastructure.Anonymity;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Org;
using Microsoft.Extensions.Options;

namespace DialogueBot.Consultation.Delivery;

/// <summary>consultation.fanout: one brief item per audience member (key: consultation id + org-chart id; the ledger runs each once).</summary>
public sealed class BriefFanoutHandler(ConsultationRepository consultations, OrgDirectory directory, WorkQueue work) : IWorkHandler
{
    public string Kind => ConsultationWorkKinds.Fanout;

    public async Task<WorkResult> HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        if (await consultations.FindAsync(item.PayloadAs<ConsultationPayload>().ConsultationId, cancellationToken) is not { } consultation)
        {
            return WorkResult.Fail("The consultation no longer exists.");
        }

        var audience = consultation.Brief.Audience.Resolve(await directory.GetAsync(cancellationToken));
        await Parallel.ForEachAsync(audience, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (person, ct) =>
            await work.EnqueueAsync(ConsultationWorkKinds.Brief, $"{consultation.Id}.{person.Id}", new ConsultationPersonPayload(consultation.Id, person.Id), cancellationToken: ct));
        return WorkResult.Done;
    }
}

/// <summary>consultation.brief: the brief card to one manager's 1:1 chat, once (a delivery record stops a late-join resend).</summary>
public sealed class BriefSendHandler(
    ConsultationRepository consultations,
    ConsultationDeliveryRepository deliveries,
    OrgDirectory directory,
    ProactiveMessenger messenger,
    IOptions<AnonymityOptions> anonymity,
    TimeProvider time) : IWorkHandler
{
    public string Kind => ConsultationWorkKinds.Brief;

    public async Task<WorkResult> HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var payload = item.PayloadAs<ConsultationPersonPayload>();
        var consultation = await consultations.FindAsync(payload.ConsultationId, cancellationToken);
        var person = (await directory.GetAsync(cancellationToken)).FindById(payload.PersonId);
        if (consultation is null || person is null || !consultation.TakesInputAt(time.GetUtcNow()) || !consultation.Brief.Audience.Includes(person)
            || await deliveries.WasBriefedAsync(consultation.Id, person, cancellationToken))
        {
            return WorkResult.Done; // gone, closed, left the audience, or already briefed
        }

        var k = anonymity.Value.MinimumGroupSize;
        var card = BriefCard.Build(consultation, new BriefCardState(Open: true, Rated: false, Volunteered: false, consultation.AudienceCount >= k, k));
        var result = await messenger.SendAsync(person, card.ToMessage($"Consultation: {consultation.Title}"), cancellationToken);
        return await DeliveryOutcome.OfAsync(result, () => deliveries.RecordBriefedAsync(consultation.Id, person, CancellationToken.None));
    }
}

/// <summary>consultation.end (scheduled at the window's end) and consultation.publish (after the close grace).</summary>
public sealed class WindowEndHandler(ConsultationService service) : IWorkHandler
{
    public string Kind => ConsultationWorkKinds.End;

    public async Task<WorkResult> HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        await service.EndAsync(item.PayloadAs<ConsultationPayload>().ConsultationId, cancellationToken);
        return WorkResult.Done;
    }
}

public sealed class PublishHandler(ConsultationService service) : IWorkHandler
{
    public string Kind => ConsultationWorkKinds.Publish;

    public async Task<WorkResult> HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        try
        {
            return await service.PublishAsync(item.PayloadAs<ConsultationPayload>().ConsultationId, cancellationToken)
                ? WorkResult.Done
                : WorkResult.RetryAfter(TimeSpan.FromSeconds(5), "the close grace is still running");
        }
        catch (ConsultationGoneException ex)
        {
            return WorkResult.Fail(ex.Message);
        }
    }
}

/// <summary>consultation.outcomes: one outcome item per manager who received the brief (found by their keyed delivery record).</summary>
public sealed class OutcomeFanoutHandler(ConsultationRepository consultations, ConsultationDeliveryRepository deliveries, OrgDirectory directory, WorkQueue work) : IWorkHandler
{
    public string Kind => ConsultationWorkKinds.OutcomeFanout;

    public async Task<WorkResult> HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        if (await consultations.FindAsync(item.PayloadAs<ConsultationPayload>().ConsultationId, cancellationToken) is not { Status: ConsultationStatus.Decided } consultation)
        {
            return WorkResult.Fail("The consultation no longer exists or has no outcome.");
        }

        var briefed = await deliveries.BriefedAmongAsync(consultation.Id, (await directory.GetAsync(cancellationToken)).People, cancellationToken);
        await Parallel.ForEachAsync(briefed, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (person, ct) =>
            await work.EnqueueAsync(ConsultationWorkKinds.Outcome, $"{consultation.Id}.{person.Id}.outcome", new ConsultationPersonPayload(consultation.Id, person.Id), cancellationToken: ct));
        return WorkResult.Done;
    }
}

/// <summary>consultation.outcome: the outcome card to one consulted manager, its delivery time written for the timeline.</summary>
public sealed class OutcomeSendHandler(ConsultationRepository consultations, ConsultationDeliveryRepository deliveries, OrgDirectory directory, ProactiveMessenger messenger, TimeProvider time) : IWorkHandler
{
    public string Kind => ConsultationWorkKinds.Outcome;

    public async Task<WorkResult> HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var payload = item.PayloadAs<ConsultationPersonPayload>();
        var consultation = await consultations.FindAsync(payload.ConsultationId, cancellationToken);
        var person = (await directory.GetAsync(cancellationToken)).FindById(payload.PersonId);
        if (consultation is not { Status: ConsultationStatus.Decided } || person is null)
        {
            return WorkResult.Done;
        }

        var result = await messenger.SendAsync(person, OutcomeCard.Build(consultation).ToMessage($"Outcome: {consultation.Title}"), cancellationToken);
        return await DeliveryOutcome.OfAsync(result, () => deliveries.RecordOutcomeAsync(consultation.Id, person, time.GetUtcNow(), CancellationToken.None));
    }
}

/// <summary>Maps a send to a work result; a sent card is recorded, and a failure to record never becomes a resend (the ledger stops that).</summary>
internal static class DeliveryOutcome
{
    public static async Task<WorkResult> OfAsync(ProactiveResult result, Func<Task> record)
    {
        switch (result.Outcome)
        {
            case ProactiveOutcome.Sent:
                try
                {
                    await record();
                }
                catch (Azure.RequestFailedException)
                {
                    // The card is in the chat; only the count on the timeline misses it.
                }

                return WorkResult.Done;
            case ProactiveOutcome.Throttled:
                return WorkResult.RetryAfter(result.RetryAfter ?? TimeSpan.FromSeconds(30), "Teams asked us to slow down");
            default:
                return WorkResult.Done; // not installed or gone
        }
    }
}

/// <summary>Catches a late joiner up: open consultations they are consulted on and were not briefed for.</summary>
public sealed class BriefInstallListener(ConsultationRepository consultations, ConsultationDeliveryRepository deliveries, WorkQueue work, TimeProvider time) : IInstallListener
{
    public async Task OnInstalledAsync(OrgPerson person, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var consultation in (await consultations.ListAsync(cancellationToken)).Where(c => c.TakesInputAt(now) && c.Brief.Audience.Includes(person)))
        {
            if (!await deliveries.WasBriefedAsync(consultation.Id, person, cancellationToken))
            {
                await work.EnqueueAsync(ConsultationWorkKinds.Brief, $"{consultation.Id}.{person.Id}.join", new ConsultationPersonPayload(consultation.Id, person.Id), cancellationToken: cancellationToken);
            }
        }
    }
}

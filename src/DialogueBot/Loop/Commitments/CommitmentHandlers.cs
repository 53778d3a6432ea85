using DialogueBot.Conversations;
using DialogueBot.Infrastructure.Storage;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Loop.Cards;
using DialogueBot.Loop.Subjects;
using DialogueBot.Org;

namespace DialogueBot.Loop.Commitments;

/// <summary>loop.fanout: one loop.notify per audience member of the subject (key: subject . what . org-chart id; the ledger runs each once).</summary>
public sealed class CommitmentFanoutHandler(LoopSubjects subjects, WorkQueue work) : IWorkHandler
{
    public string Kind => LoopWorkKinds.Fanout;

    public async Task<WorkResult> HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var payload = item.PayloadAs<FanoutPayload>();
        var subject = await subjects.FindAsync(payload.Kind, payload.Subject, cancellationToken);
        if (subject is null)
        {
            return WorkResult.Fail("The subject no longer exists.");
        }

        var what = payload.ActionId is null ? "summary" : $"{payload.ActionId}v{payload.Version}";
        await Parallel.ForEachAsync(subject.Audience, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (person, ct) =>
            await work.EnqueueAsync(LoopWorkKinds.Notify, $"{subject.Id}.{what}.{person.Id}", new NotifyPayload(payload.Kind, subject.Id, person.Id, payload.ActionId, payload.Version), cancellationToken: ct));
        return WorkResult.Done;
    }
}

/// <summary>loop.notify: the summary, or one action's change, to one person's 1:1 chat.</summary>
public sealed class CommitmentNotifyHandler(CommitmentRepository repository, SummaryHeadlines headlines, OrgDirectory directory, ProactiveMessenger messenger) : IWorkHandler
{
    public string Kind => LoopWorkKinds.Notify;

    public async Task<WorkResult> HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var payload = item.PayloadAs<NotifyPayload>();
        var org = await directory.GetAsync(cancellationToken);
        var person = org.FindById(payload.PersonId);
        var summary = await repository.FindSummaryAsync(payload.Subject, cancellationToken);
        if (person is null || summary is null)
        {
            return WorkResult.Done; // left the org chart, or nothing to tell
        }

        var actions = await repository.ListActionsAsync(payload.Subject, cancellationToken);
        BotFramework.Cards.AdaptiveCard card;
        if (payload.ActionId is null)
        {
            card = CommitmentCards.Summary(summary, await headlines.ForAsync(summary, cancellationToken), actions, org);
        }
        else if (actions.FirstOrDefault(a => a.Id == payload.ActionId) is { } action)
        {
            card = CommitmentCards.Changed(summary, action, org);
        }
        else
        {
            return WorkResult.Done;
        }

        var result = await messenger.SendAsync(person, card.ToMessage(card.FallbackText), cancellationToken);
        return result.Outcome == ProactiveOutcome.Throttled
            ? WorkResult.RetryAfter(result.RetryAfter ?? TimeSpan.FromSeconds(30), "Teams asked us to slow down")
            : WorkResult.Done;
    }
}

/// <summary>
/// loop.overdue (scheduled at the action's due moment): an action neither done nor dropped reminds its owner,
/// once — the ledger runs the key once, and the row's flag stops a rescheduled job from repeating it.
/// </summary>
public sealed class CommitmentOverdueHandler(CommitmentRepository repository, OrgDirectory directory, ProactiveMessenger messenger, TimeProvider time) : IWorkHandler
{
    public string Kind => LoopWorkKinds.Overdue;

    public async Task<WorkResult> HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var payload = item.PayloadAs<ActionPayload>();
        var row = await repository.FindActionAsync(payload.Subject, payload.ActionId, cancellationToken);
        var summary = await repository.FindSummaryAsync(payload.Subject, cancellationToken);
        if (row is null || summary is null || row.OverdueReminded || !row.ToAction().IsOverdueAt(time.GetUtcNow()))
        {
            return WorkResult.Done;
        }

        var org = await directory.GetAsync(cancellationToken);
        if (org.FindById(row.OwnerId) is not { } owner)
        {
            return WorkResult.Done;
        }

        var card = CommitmentCards.Overdue(summary, row.ToAction());
        var result = await messenger.SendAsync(owner, card.ToMessage(card.FallbackText), cancellationToken);
        if (result.Outcome == ProactiveOutcome.Throttled)
        {
            return WorkResult.RetryAfter(result.RetryAfter ?? TimeSpan.FromSeconds(30), "Teams asked us to slow down");
        }

        await repository.Table.UpdateAsync<ActionEntity>(payload.Subject, payload.ActionId, r => !r.OverdueReminded && (r.OverdueReminded = true), cancellationToken);
        return WorkResult.Done;
    }
}

using DialogueBot.Infrastructure.Scheduling;
using DialogueBot.Infrastructure.Storage;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Loop.Cards;
using DialogueBot.Loop.Subjects;
using DialogueBot.Org;

namespace DialogueBot.Loop.Commitments;

public enum CommitmentOutcome
{
    Published,
    Changed,
    AlreadyPublished,
    NotClosed,
    Invalid,
    Unknown,
    NotAllowed,
}

/// <summary>What came of publishing a summary or changing an action.</summary>
public sealed record CommitmentResult(CommitmentOutcome Outcome, SummaryEntity? Summary = null, CommitmentAction? Action = null)
{
    public IReadOnlyDictionary<string, string[]> Errors { get; init; } = new Dictionary<string, string[]>();

    public string? Problem => Errors.Values.SelectMany(e => e).FirstOrDefault();
}

/// <summary>A subject's summary and its actions as they stand.</summary>
public sealed record SubjectCommitments(LoopSubject Subject, SummaryEntity? Summary, IReadOnlyList<CommitmentAction> Actions);

/// <summary>
/// "You said, we did": a leader publishes once what they heard and what they commit to (actions with an owner
/// and a due day); the audience gets the summary once, and hears each change of an action once (its version is
/// in the work key); an action still open at its due moment reminds its owner once.
/// </summary>
public sealed class CommitmentService(
    CommitmentRepository repository,
    LoopSubjects subjects,
    OrgDirectory directory,
    WorkQueue work,
    Scheduler scheduler,
    TimeProvider time,
    ILogger<CommitmentService> logger)
{
    public async Task<CommitmentResult> PublishAsync(Caller caller, SubjectKind kind, string subjectId, SummaryDraft? draft, CancellationToken cancellationToken)
    {
        var subject = await subjects.FindAsync(kind, subjectId, cancellationToken);
        if (subject is null)
        {
            return new(CommitmentOutcome.Unknown);
        }

        if (!subject.MayPublish(caller) || caller.Person is null)
        {
            return new(CommitmentOutcome.NotAllowed);
        }

        if (!subject.IsClosed)
        {
            return new(CommitmentOutcome.NotClosed);
        }

        var now = time.GetUtcNow();
        var (valid, errors) = CommitmentRules.Check(draft, await directory.GetAsync(cancellationToken), now);
        if (valid is null)
        {
            return new(CommitmentOutcome.Invalid) { Errors = errors };
        }

        var summary = new SummaryEntity { PartitionKey = subject.Id, SubjectKind = kind, Title = subject.Title, Heard = valid.Heard, PublishedBy = caller.Person.Id, PublishedAt = now, ClosedAt = subject.ClosedAt };
        var actions = valid.Actions.Select((a, i) => new ActionEntity { PartitionKey = subject.Id, RowKey = CommitmentRepository.ActionId(i), Title = a.Title, OwnerId = a.Owner.Id, Due = a.Due }).ToList();
        if (!await repository.TryPublishAsync(summary, actions, cancellationToken))
        {
            return new(CommitmentOutcome.AlreadyPublished, await repository.FindSummaryAsync(subject.Id, cancellationToken));
        }

        foreach (var action in actions)
        {
            await scheduler.ScheduleAsync(LoopWorkKinds.Overdue, $"{subject.Id}.overdue.{action.RowKey}", new ActionPayload(kind, subject.Id, action.RowKey), action.Due, cancellationToken);
        }

        await work.EnqueueAsync(LoopWorkKinds.Fanout, $"{subject.Id}.summary", new FanoutPayload(kind, subject.Id, null, 0), cancellationToken: cancellationToken);
        logger.LogInformation("Summary of {Subject} published with {Count} actions.", subject.Id, actions.Count);
        return new(CommitmentOutcome.Published, summary);
    }

    /// <summary>The owner, HR or an executive moves an action on; the audience hears the change once.</summary>
    public async Task<CommitmentResult> ChangeAsync(Caller caller, ActionChangeData data, CancellationToken cancellationToken)
    {
        var row = await repository.FindActionAsync(data.Subject, data.ActionId, cancellationToken);
        var summary = row is null ? null : await repository.FindSummaryAsync(data.Subject, cancellationToken);
        if (row is null || summary is null)
        {
            return new(CommitmentOutcome.Unknown);
        }

        if (caller.Person?.Id != row.OwnerId && !caller.HasAny(OrgRole.HR | OrgRole.Executive))
        {
            return new(CommitmentOutcome.NotAllowed);
        }

        if (!ActionStatusNames.TryParse(data.Status, out var to))
        {
            return new(CommitmentOutcome.Invalid) { Errors = new Dictionary<string, string[]> { ["status"] = ["The status is one of open, inProgress, done, dropped."] } };
        }

        string? refused = null;
        var now = time.GetUtcNow();
        var update = await repository.Table.UpdateAsync<ActionEntity>(data.Subject, data.ActionId, r =>
        {
            refused = CommitmentRules.Refuse(r.ToAction(), to, data.Reason);
            if (refused is not null)
            {
                return false;
            }

            CommitmentRules.Apply(r, to, data.Reason, now);
            return true;
        }, cancellationToken);
        if (!update.Written)
        {
            return new(CommitmentOutcome.Invalid, summary, update.Entity?.ToAction()) { Errors = new Dictionary<string, string[]> { ["status"] = [refused ?? "The action could not be changed."] } };
        }

        var action = update.Entity!.ToAction();
        if (action.IsFinal)
        {
            await scheduler.CancelAsync($"{data.Subject}.overdue.{action.Id}", cancellationToken);
        }

        await work.EnqueueAsync(LoopWorkKinds.Fanout, $"{data.Subject}.{action.Id}v{action.Version}", new FanoutPayload(summary.SubjectKind, data.Subject, action.Id, action.Version), cancellationToken: cancellationToken);
        return new(CommitmentOutcome.Changed, summary, action);
    }

    public async Task<SubjectCommitments?> GetAsync(SubjectKind kind, string subjectId, CancellationToken cancellationToken) =>
        await subjects.FindAsync(kind, subjectId, cancellationToken) is { } subject
            ? new SubjectCommitments(subject, await repository.FindSummaryAsync(subject.Id, cancellationToken), await repository.ListActionsAsync(subject.Id, cancellationToken))
            : null;
}

public sealed record FanoutPayload(SubjectKind Kind, string Subject, string? ActionId, int Version);

public sealed record NotifyPayload(SubjectKind Kind, string Subject, string PersonId, string? ActionId, int Version);

public sealed record ActionPayload(SubjectKind Kind, string Subject, string ActionId);

using DialogueBot.Loop.Commitments;
using DialogueBot.Loop.Subjects;
using DialogueBot.Org;

namespace DialogueBot.Loop.Figures;

/// <summary>Reads every closed subject's summary, actions and questions and computes the follow-through figures (for executives and HR).</summary>
public sealed class FollowThroughService(LoopSubjects subjects, CommitmentRepository repository, TimeProvider time)
{
    public const OrgRole Readers = OrgRole.HR | OrgRole.Executive;

    public async Task<FollowThroughFigures> GetAsync(CancellationToken cancellationToken)
    {
        var summaries = (await repository.ListSummariesAsync(cancellationToken)).ToDictionary(s => s.PartitionKey, StringComparer.Ordinal);
        var actions = (await repository.ListAllActionsAsync(cancellationToken)).GroupBy(a => a.PartitionKey).ToDictionary(g => g.Key, g => g.Select(a => a.ToAction()).ToList(), StringComparer.Ordinal);
        var history = new List<SubjectHistory>();
        foreach (var subject in await subjects.ListClosedAsync(cancellationToken))
        {
            history.Add(new SubjectHistory(subject, summaries.GetValueOrDefault(subject.Id), actions.GetValueOrDefault(subject.Id) ?? [], await subjects.QuestionsAsync(subject, cancellationToken)));
        }

        return FollowThrough.Compute(history, time.GetUtcNow());
    }

    /// <summary>One subject's figures, or null when it is unknown.</summary>
    public async Task<SubjectFigures?> GetAsync(SubjectKind kind, string id, CancellationToken cancellationToken)
    {
        if (await subjects.FindAsync(kind, id, cancellationToken) is not { } subject)
        {
            return null;
        }

        var history = new SubjectHistory(subject, await repository.FindSummaryAsync(id, cancellationToken), await repository.ListActionsAsync(id, cancellationToken), await subjects.QuestionsAsync(subject, cancellationToken));
        return FollowThrough.Of(history, time.GetUtcNow());
    }
}

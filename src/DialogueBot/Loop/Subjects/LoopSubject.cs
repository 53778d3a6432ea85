using DialogueBot.Loop.Commitments;
using DialogueBot.Org;

namespace DialogueBot.Loop.Subjects;

/// <summary>
/// What a summary answers, as the Loop feature needs it: a title, when it closed, who heard it (the audience
/// that gets the summary and every action change), and who may speak for it.
/// </summary>
public sealed record LoopSubject(SubjectKind Kind, string Id, string Title, DateTimeOffset ClosedAt, bool IsClosed, IReadOnlyList<OrgPerson> Audience, Func<Caller, bool> MayPublish);

/// <summary>One kind of subject (pulse runs, town halls): found by id, or null.</summary>
public interface ISubjectSource
{
    SubjectKind Kind { get; }

    Task<LoopSubject?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>Every closed subject of this kind, for the follow-through figures.</summary>
    Task<IReadOnlyList<LoopSubject>> ListClosedAsync(CancellationToken cancellationToken);

    /// <summary>The questions leaders were asked to answer and how they did (pulse: opted-in comments; town hall: questions).</summary>
    Task<QuestionCounts> QuestionsAsync(string id, CancellationToken cancellationToken);
}

/// <summary>How many questions there were to answer, how many were answered, and the times to answer where they are known (hours).</summary>
public sealed record QuestionCounts(int Asked, int Answered, IReadOnlyList<double> HoursToAnswer)
{
    public static readonly QuestionCounts None = new(0, 0, []);
}

/// <summary>The sources by kind.</summary>
public sealed class LoopSubjects(IEnumerable<ISubjectSource> sources)
{
    private readonly Dictionary<SubjectKind, ISubjectSource> _byKind = sources.ToDictionary(s => s.Kind);

    public Task<LoopSubject?> FindAsync(SubjectKind kind, string id, CancellationToken cancellationToken) =>
        _byKind.TryGetValue(kind, out var source) ? source.FindAsync(id, cancellationToken) : Task.FromResult<LoopSubject?>(null);

    public Task<QuestionCounts> QuestionsAsync(LoopSubject subject, CancellationToken cancellationToken) =>
        _byKind.TryGetValue(subject.Kind, out var source) ? source.QuestionsAsync(subject.Id, cancellationToken) : Task.FromResult(QuestionCounts.None);

    public async Task<IReadOnlyList<LoopSubject>> ListClosedAsync(CancellationToken cancellationToken)
    {
        var all = new List<LoopSubject>();
        foreach (var source in _byKind.Values)
        {
            all.AddRange(await source.ListClosedAsync(cancellationToken));
        }

        return all;
    }
}

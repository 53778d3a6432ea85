using DialogueBot.Loop.Commitments;
using DialogueBot.Org;
using DialogueBot.Pulse.Definitions;
using DialogueBot.Pulse.Model;
using DialogueBot.Pulse.Runs;

namespace DialogueBot.Loop.Subjects;

/// <summary>A pulse run as a subject: its audience hears the summary; HR and executives (who run pulses) publish it once the run is published.</summary>
public sealed class PulseSubjects(PulseRunRepository runs, PulseDefinitionRepository definitions, Threads.CommentThreadRepository threads, OrgDirectory directory) : ISubjectSource
{
    public SubjectKind Kind => SubjectKind.Pulse;

    public async Task<LoopSubject?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var run = await runs.FindAsync(id, cancellationToken);
        var definition = run is null ? null : await definitions.FindAsync(run.PulseId, cancellationToken);
        return run is null || definition is null ? null : await SubjectOf(run, definition, cancellationToken);
    }

    public async Task<IReadOnlyList<LoopSubject>> ListClosedAsync(CancellationToken cancellationToken)
    {
        var byId = (await definitions.ListAsync(cancellationToken)).ToDictionary(d => d.Id);
        var subjects = new List<LoopSubject>();
        foreach (var run in (await runs.ListAsync(cancellationToken)).Where(r => r.Status == RunStatus.Closed))
        {
            if (byId.TryGetValue(run.PulseId, out var definition))
            {
                subjects.Add(await SubjectOf(run, definition, cancellationToken));
            }
        }

        return subjects;
    }

    /// <summary>A pulse's questions to answer are its opted-in comments: answered once a leader replied; time from publication to the first reply.</summary>
    public async Task<QuestionCounts> QuestionsAsync(string id, CancellationToken cancellationToken)
    {
        var list = await threads.ListAsync(id, cancellationToken);
        var replied = list.Where(t => t.FirstReplyAt is not null).ToList();
        return new QuestionCounts(list.Count, replied.Count, replied.Select(t => (t.FirstReplyAt!.Value - t.OpenedAt).TotalHours).ToList());
    }

    private async Task<LoopSubject> SubjectOf(PulseRun run, PulseDefinition definition, CancellationToken cancellationToken) =>
        new(SubjectKind.Pulse, run.Id, definition.Title, run.ClosesAt, run.Status == RunStatus.Closed,
            AudienceResolver.Resolve(await directory.GetAsync(cancellationToken), definition.Audience),
            caller => caller.HasAny(Pulse.PulseRoutes.Readers));
}

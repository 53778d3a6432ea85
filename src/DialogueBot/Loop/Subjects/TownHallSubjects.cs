using DialogueBot.Loop.Commitments;
using DialogueBot.Org;
using DialogueBot.TownHall;
using DialogueBot.TownHall.Questions;
using DialogueBot.TownHall.TownHalls;

namespace DialogueBot.Loop.Subjects;

/// <summary>
/// A town hall as a subject: its audience hears the summary; its hosts and HR publish it once the event has
/// taken place. Reads the town hall through its repository and access rules only (TownHall is not changed).
/// </summary>
public sealed class TownHallSubjects(TownHallRepository townHalls, TownHall.Questions.QuestionRepository questions, OrgDirectory directory, TimeProvider time) : ISubjectSource
{
    public SubjectKind Kind => SubjectKind.TownHall;

    public async Task<LoopSubject?> FindAsync(string id, CancellationToken cancellationToken) =>
        TownHallRepository.IsValidId(id) && await townHalls.FindAsync(id, cancellationToken) is { } hall ? await SubjectOf(hall, cancellationToken) : null;

    public async Task<IReadOnlyList<LoopSubject>> ListClosedAsync(CancellationToken cancellationToken)
    {
        var subjects = new List<LoopSubject>();
        foreach (var hall in (await townHalls.ListAsync(cancellationToken)).Where(h => h.EventAt <= time.GetUtcNow()))
        {
            subjects.Add(await SubjectOf(hall, cancellationToken));
        }

        return subjects;
    }

    /// <summary>
    /// Questions put to the hosts (not withdrawn, merged or still pending) and how many were answered. Questions
    /// store no time of asking (on purpose: see docs/anonymity.md), so a town hall has no time to answer.
    /// </summary>
    public async Task<QuestionCounts> QuestionsAsync(string id, CancellationToken cancellationToken)
    {
        var asked = (await questions.ListAsync(id, cancellationToken))
            .Where(q => q.State is QuestionState.Open or QuestionState.Answered or QuestionState.Dismissed).ToList();
        return new QuestionCounts(asked.Count, asked.Count(q => q.State == QuestionState.Answered), []);
    }

    private async Task<LoopSubject> SubjectOf(TownHallEntity hall, CancellationToken cancellationToken)
    {
        var org = await directory.GetAsync(cancellationToken);
        return new(SubjectKind.TownHall, hall.Id, hall.Title, hall.EventAt, hall.EventAt <= time.GetUtcNow(),
            org.People.Where(p => p.IsActive && TownHallAccess.IsInAudience(hall, p)).ToList(),
            caller => TownHallAccess.CanModerate(hall, caller));
    }
}

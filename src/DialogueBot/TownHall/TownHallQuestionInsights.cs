using DialogueBot.Insights;
using DialogueBot.TownHall.Questions;
using DialogueBot.TownHall.TownHalls;

namespace DialogueBot.TownHall;

/// <summary>
/// The open questions that matter to an org unit, for the skip-level agenda: the most-voted open questions
/// of town halls whose audience includes the unit (or everyone). Text and votes only, never an asker.
/// </summary>
public sealed class TownHallQuestionInsights(TownHallRepository townHalls, QuestionRepository questions) : IQuestionInsights
{
    public async Task<IReadOnlyList<OpenQuestion>> TopOpenQuestionsAsync(string orgUnit, int max, CancellationToken cancellationToken)
    {
        var found = new List<OpenQuestion>();
        foreach (var townHall in (await townHalls.ListAsync(cancellationToken)).Where(t => Concerns(t, orgUnit)))
        {
            found.AddRange((await questions.ListAsync(townHall.Id, cancellationToken))
                .Where(q => q.State == QuestionState.Open)
                .Select(q => new OpenQuestion(q.Text, q.Votes, townHall.Title)));
        }

        return found.OrderByDescending(q => q.Votes).Take(Math.Max(0, max)).ToList();
    }

    // A unit is concerned when the audience is everyone, or names the unit, one of its ancestors or descendants.
    private static bool Concerns(TownHallEntity townHall, string orgUnit) =>
        townHall.Audience.Count == 0 || string.IsNullOrEmpty(orgUnit) || townHall.Audience.Any(a =>
            string.Equals(a, orgUnit, StringComparison.OrdinalIgnoreCase)
            || orgUnit.StartsWith(a + "/", StringComparison.OrdinalIgnoreCase)
            || a.StartsWith(orgUnit + "/", StringComparison.OrdinalIgnoreCase));
}

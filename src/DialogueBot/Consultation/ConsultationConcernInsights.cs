using DialogueBot.Consultation.Concerns;
using DialogueBot.Consultation.Consultations;
using DialogueBot.Consultation.Model;
using DialogueBot.Insights;
using DialogueBot.Org;

namespace DialogueBot.Consultation;

/// <summary>
/// The most upvoted unanswered items of undecided consultations whose audience covers the unit: text and votes
/// only, never an author (named or not), so nothing here says more than the board already shows the consulted.
/// </summary>
public sealed class ConsultationConcernInsights(ConsultationRepository consultations, ConcernRepository concerns) : IConcernInsights
{
    public async Task<IReadOnlyList<OpenConcern>> TopOpenConcernsAsync(string orgUnit, int max, CancellationToken cancellationToken)
    {
        var relevant = (await consultations.ListAsync(cancellationToken))
            .Where(c => c.Status != ConsultationStatus.Decided && Covers(c.Brief.Audience, orgUnit));
        var found = new List<OpenConcern>();
        foreach (var consultation in relevant)
        {
            found.AddRange((await concerns.ListAsync(consultation.Id, cancellationToken))
                .Where(c => c.StateValue == ConcernState.Open && c.Answer.Length == 0)
                .Select(c => new OpenConcern(c.Text, c.Votes, consultation.Title)));
        }

        return found.OrderByDescending(c => c.Votes).Take(max).ToList();
    }

    private static bool Covers(ConsultationAudience audience, string orgUnit) =>
        audience.Units.Count == 0 || OrgSnapshot.UnitAndAncestors(orgUnit).Any(u => audience.Units.Contains(u, StringComparer.OrdinalIgnoreCase));
}

using DialogueBot.Consultation.RatingTotals;
using DialogueBot.Consultation.Ratings;
using DialogueBot.Infrastructure.Anonymity.Disclosure;

namespace DialogueBot.Consultation.Model;

/// <summary>The figures of one view shown to the executive: how many rated, and the two distributions (index 0 is score 1).</summary>
public sealed record CohortFigures(string Cohort, string Label, int People, double SupportMean, int[] Support, double ImpactMean, int[] Impact);

/// <summary>
/// What the executive may see of the ratings: only views the pulse's disclosure rules allow (every view of at
/// least k raters, and no two shown views that differ by 1..k−1 people), nothing before the window ended.
/// </summary>
public sealed record RatingResults(bool Published, string Message, IReadOnlyList<CohortFigures> Views, int HiddenViews)
{
    public static RatingResults NotYet(string message) => new(false, message, [], 0);
}

/// <summary>Counting ratings into cohorts, and showing them only as <see cref="DisclosureRules"/> allow.</summary>
public static class RatingFigures
{
    /// <summary>Every cohort each rating counts in (its views and its one cell), so the cells add up to every view.</summary>
    public static List<RatingTotal> Count(IEnumerable<PendingRating> ratings)
    {
        var totals = new Dictionary<Cohort, (int People, int[] Support, int[] Impact)>();
        foreach (var rating in ratings.Where(r => RatingScales.IsValid(r.Support) && RatingScales.IsValid(r.Impact)))
        {
            foreach (var cohort in Cohort.AllOf(rating.Unit, rating.Level))
            {
                var total = totals.TryGetValue(cohort, out var t) ? t : (People: 0, Support: new int[RatingScales.Max], Impact: new int[RatingScales.Max]);
                total.Support[rating.Support - 1]++;
                total.Impact[rating.Impact - 1]++;
                totals[cohort] = (total.People + 1, total.Support, total.Impact);
            }
        }

        return totals.Select(t => new RatingTotal(t.Key, t.Value.People, t.Value.Support, t.Value.Impact)).ToList();
    }

    public static RatingResults Disclose(IReadOnlyList<RatingTotal> totals, int k)
    {
        var measures = totals.ToDictionary(t => t.Cohort, t => new Dictionary<string, int>(StringComparer.Ordinal) { [DisclosureRules.Respondents] = t.People });
        var disclosure = DisclosureRules.Decide(measures, k);
        if (!disclosure.Views.Contains(Cohort.Everyone))
        {
            return new RatingResults(true, $"Not enough ratings to show: fewer than {k} managers rated, and groups under {k} are never shown.", [], totals.Count(t => t.Cohort.IsView));
        }

        var shown = totals.Where(t => disclosure.Views.Contains(t.Cohort))
            .OrderBy(t => t.Cohort.Kind).ThenBy(t => t.Cohort.Key, StringComparer.Ordinal)
            .Select(t => new CohortFigures(t.Cohort.Key, t.Cohort.Label, t.People, Mean(t.Support), t.Support, Mean(t.Impact), t.Impact))
            .ToList();
        var hidden = totals.Count(t => t.Cohort.IsView) - shown.Count;
        return new RatingResults(true, hidden > 0 ? $"{hidden} group(s) are not shown: too few ratings to keep them anonymous." : "", shown, hidden);
    }

    private static double Mean(int[] distribution)
    {
        var people = distribution.Sum();
        return people == 0 ? 0 : Math.Round(distribution.Select((n, i) => n * (i + 1)).Sum() / (double)people, 2);
    }
}

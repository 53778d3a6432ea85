using DialogueBot.Infrastructure.Anonymity.Disclosure;

namespace DialogueBot.Tests.Anonymity.Disclosure;

/// <summary>
/// The k and differencing rules on their own, in cohort values, for counts of any feature (here: respondents of
/// a consultation-like survey with one measure besides "n"). The pulse's own property tests are PulseDisclosureTests.
/// </summary>
public class DisclosureRulesTests
{
    private const int K = 5;

    /// <summary>Counts as any writer produces them: each (unit, level, people) added to every cohort it lies in.</summary>
    private static Dictionary<Cohort, Dictionary<string, int>> Counts(params (string Unit, int? Level, int People)[] groups)
    {
        var counts = new Dictionary<Cohort, Dictionary<string, int>>();
        foreach (var (unit, level, people) in groups)
        {
            foreach (var cohort in Cohort.AllOf(unit, level))
            {
                var row = counts.TryGetValue(cohort, out var r) ? r : counts[cohort] = new Dictionary<string, int>(StringComparer.Ordinal);
                row[DisclosureRules.Respondents] = row.GetValueOrDefault(DisclosureRules.Respondents) + people;
                row["agree"] = row.GetValueOrDefault("agree") + people;
            }
        }

        return counts;
    }

    [Fact]
    public void Fewer_than_k_in_all_shows_nothing_at_all()
    {
        var disclosure = DisclosureRules.Decide(Counts(("A", null, 2), ("B", null, 2)), K);

        Assert.Empty(disclosure.Views);
        Assert.False(disclosure.Shows("agree", Cohort.Everyone));
    }

    [Fact]
    public void A_group_of_k_or_more_is_shown_and_a_smaller_one_never()
    {
        var disclosure = DisclosureRules.Decide(Counts(("A", null, 6), ("B", null, 5), ("C", null, 7)), K);

        Assert.Equal([Cohort.OfUnit("A"), Cohort.OfUnit("B"), Cohort.OfUnit("C")], disclosure.Views.Where(v => v != Cohort.Everyone).OrderBy(v => v.Key, StringComparer.Ordinal));
        Assert.True(disclosure.Shows("agree", Cohort.OfUnit("B")));
        Assert.DoesNotContain(disclosure.Views, v => v.Kind == CohortKind.Cell);
    }

    [Fact]
    public void Two_views_whose_difference_is_under_k_are_never_both_shown()
    {
        // A holds 6 at A itself and 2 in A/X: A − A/X = 6 is fine, but A/X is 2; and with A/X at 6, A − A/X would be 2.
        var small = DisclosureRules.Decide(Counts(("A", null, 6), ("A/X", null, 2), ("", null, 6)), K);
        var remainder = DisclosureRules.Decide(Counts(("A", null, 2), ("A/X", null, 6), ("", null, 6)), K);

        Assert.DoesNotContain(Cohort.OfUnit("A/X"), small.Views);
        Assert.False(remainder.Views.Contains(Cohort.OfUnit("A")) && remainder.Views.Contains(Cohort.OfUnit("A/X")));
        Assert.Contains(Cohort.Everyone, remainder.Views);
    }

    [Fact]
    public void A_level_and_a_unit_that_overlap_in_fewer_than_k_are_not_both_shown()
    {
        // U1 level 3 is one person: level 3 (7) − U2 (6) would show them.
        var disclosure = DisclosureRules.Decide(Counts(("U1", 3, 1), ("U1", 4, 5), ("U2", 3, 6)), K);

        Assert.False(disclosure.Views.Contains(Cohort.OfLevel(3)) && disclosure.Views.Contains(Cohort.OfUnit("U2")));
        Assert.Equal(DisclosureRules.PermittedFilters(Counts(("U1", 3, 1), ("U1", 4, 5), ("U2", 3, 6)), K), disclosure.Views.Where(v => v != Cohort.Everyone).ToHashSet());
    }
}

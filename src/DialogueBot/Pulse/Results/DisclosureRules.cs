using DialogueBot.Pulse.Aggregates;

namespace DialogueBot.Pulse.Results;

/// <summary>
/// Which cohorts of a run may be shown. A cohort is shown only if, for the respondent count and for every
/// question's answer count ("measures"):
/// <list type="bullet">
/// <item>it is 0 or at least k (k = the anonymity threshold);</item>
/// <item>its parent minus it is 0 or at least k (no "everyone minus Platform" leaving fewer than k);</item>
/// <item>the parent minus ALL shown siblings together is 0 or at least k (complementary suppression: if hiding
///   one small sibling is not enough, the next smallest is hidden too).</item>
/// </list>
/// The parent of a unit is its parent unit (the whole audience at the top); the parent of a level is the whole audience.
/// </summary>
public static class DisclosureRules
{
    public static HashSet<string> PermittedFilters(IReadOnlyDictionary<string, Dictionary<string, int>> measuresByCohort, int k)
    {
        var permitted = new HashSet<string>(StringComparer.Ordinal);
        if (!measuresByCohort.TryGetValue(CohortKeys.All, out var all) || all.GetValueOrDefault(PulseAggregateEntity.RespondentsQuestion) < k)
        {
            return permitted;
        }

        var measures = all.Keys.ToList();
        // Walk top-down: a cohort is considered only once its parent is shown.
        var byParent = measuresByCohort.Keys.Where(c => c != CohortKeys.All).GroupBy(ParentOf).ToDictionary(g => g.Key, g => g.ToList());
        var queue = new Queue<string>([CohortKeys.All]);
        while (queue.Count > 0)
        {
            var parent = queue.Dequeue();
            if (!byParent.TryGetValue(parent, out var children))
            {
                continue;
            }

            var parentMeasures = measuresByCohort[parent];
            int Get(string cohort, string measure) => measuresByCohort[cohort].GetValueOrDefault(measure);
            bool Safe(int n) => n == 0 || n >= k;

            var shown = children
                .Where(c => measures.All(m => Safe(Get(c, m)) && Safe(parentMeasures.GetValueOrDefault(m) - Get(c, m))))
                .OrderByDescending(c => Get(c, PulseAggregateEntity.RespondentsQuestion))
                .ToList();

            // Levels and units are separate families under "all": each family must leave a safe remainder on its own.
            foreach (var family in shown.GroupBy(c => c.StartsWith("level:", StringComparison.Ordinal)).Select(g => g.ToList()).ToList())
            {
                while (family.Count > 0 && !measures.All(m => Safe(parentMeasures.GetValueOrDefault(m) - family.Sum(c => Get(c, m)))))
                {
                    family.RemoveAt(family.Count - 1); // hide the smallest shown sibling as well
                }

                foreach (var cohort in family)
                {
                    permitted.Add(cohort);
                    queue.Enqueue(cohort);
                }
            }
        }

        return permitted;
    }

    /// <summary>"unit:A/B" → "unit:A"; "unit:A" → "all"; "level:3" → "all".</summary>
    public static string ParentOf(string cohort)
    {
        if (!cohort.StartsWith("unit:", StringComparison.Ordinal))
        {
            return CohortKeys.All;
        }

        var parent = Org.OrgSnapshot.ParentUnit(cohort["unit:".Length..]);
        return CohortKeys.Unit(parent);
    }
}

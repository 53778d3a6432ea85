using DialogueBot.Pulse.Aggregates;

namespace DialogueBot.Pulse.Results;

/// <summary>
/// Which views of a run may be shown, so that no combination of the views shown describes fewer than k people.
/// <para>
/// Every response lands in exactly one finest cell (its stored unit and level, <see cref="CohortKeys.Cell"/>), and a
/// view (everyone, a unit at any depth, a level) is a union of cells. For a set V of visible views, the cells that
/// belong to exactly the same views of V form an <em>atom</em>. Every visible view is a sum of atoms, and no atom can
/// be split by anything shown, so every sum, difference or other linear combination of the views' figures — counts,
/// answer sums, distributions — is a combination of whole atoms, and the difference of two views' comments is a union
/// of atoms. V is therefore safe iff every atom holds 0 or at least k people.
/// </para>
/// <para>
/// That is decided per measure: respondents ("n"), and for each question the people who answered it, because an
/// optional question answered by one person in a group is a group of one. Start from every view with at least k; while
/// an atom holds 1..k−1, hide the smallest view containing it (if it lies in "everyone" only, the smallest view whose
/// hiding merges it with another atom). Hiding views only merges atoms, so this ends, and any subset of a safe V is
/// safe. "Everyone" is shown iff it has at least k. A question's views start from the views shown for respondents.
/// </para>
/// </summary>
public static class DisclosureRules
{
    /// <summary>The filters (views other than everyone) whose respondent counts may be shown.</summary>
    public static HashSet<string> PermittedFilters(IReadOnlyDictionary<string, Dictionary<string, int>> measuresByCohort, int k) =>
        Decide(measuresByCohort, k).Views.Where(v => v != CohortKeys.All).ToHashSet(StringComparer.Ordinal);

    /// <summary>What may be shown of a run: its views for respondents, and per question the views showing its figures.</summary>
    public static Disclosure Decide(IReadOnlyDictionary<string, Dictionary<string, int>> measuresByCohort, int k)
    {
        var all = measuresByCohort.GetValueOrDefault(CohortKeys.All);
        if (all is null || all.GetValueOrDefault(PulseAggregateEntity.RespondentsQuestion) < k)
        {
            return Disclosure.Nothing;
        }

        var measures = all.Keys.ToList();
        var views = measuresByCohort.Keys.Where(c => !CohortKeys.IsCell(c)).ToList();
        var cells = Cells(measuresByCohort, views, measures);
        if (cells is null)
        {
            // The overlaps of the views are unknown (or the rows disagree): only everyone, which is one atom.
            return new Disclosure(
                new HashSet<string>(StringComparer.Ordinal) { CohortKeys.All },
                measures.Where(m => m != PulseAggregateEntity.RespondentsQuestion)
                    .ToDictionary(m => m, m => (IReadOnlySet<string>)(all[m] >= k ? new HashSet<string> { CohortKeys.All } : []), StringComparer.Ordinal));
        }

        var respondents = Suppress(cells, views.Where(v => v != CohortKeys.All), PulseAggregateEntity.RespondentsQuestion, k);
        var byQuestion = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var question in measures.Where(m => m != PulseAggregateEntity.RespondentsQuestion))
        {
            byQuestion[question] = all[question] < k ? new HashSet<string>() : Suppress(cells, respondents.Where(v => v != CohortKeys.All), question, k);
        }

        return new Disclosure(respondents, byQuestion);
    }

    /// <summary>Atoms of <paramref name="visible"/> for one measure: views they lie in (with "all") → people.</summary>
    public static Dictionary<string, int> Atoms(IReadOnlyList<Cell> cells, IReadOnlySet<string> visible, string measure)
    {
        var atoms = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var cell in cells)
        {
            var key = string.Join('\n', cell.Views.Where(visible.Contains).Order(StringComparer.Ordinal));
            atoms[key] = atoms.GetValueOrDefault(key) + cell.Measures.GetValueOrDefault(measure);
        }

        return atoms;
    }

    private static HashSet<string> Suppress(IReadOnlyList<Cell> cells, IEnumerable<string> candidates, string measure, int k)
    {
        int Size(string view) => cells.Where(c => c.Views.Contains(view)).Sum(c => c.Measures.GetValueOrDefault(measure));
        var visible = candidates.Where(v => Size(v) >= k).Append(CohortKeys.All).ToHashSet(StringComparer.Ordinal);
        while (true)
        {
            var atoms = Atoms(cells, visible, measure);
            var offending = atoms.Where(a => a.Value > 0 && a.Value < k).OrderBy(a => a.Value).ThenBy(a => a.Key, StringComparer.Ordinal).Select(a => a.Key).FirstOrDefault();
            if (offending is null)
            {
                return visible;
            }

            var containing = offending.Split('\n').Where(v => v != CohortKeys.All).ToList();
            if (containing.Count == 0)
            {
                // In "everyone" only: hiding a view V merges it with the atom lying in V alone, if there is one.
                var merging = atoms.Where(a => a.Value > 0).Select(a => a.Key.Split('\n').Where(v => v != CohortKeys.All).ToList()).Where(vs => vs.Count == 1).Select(vs => vs[0]).ToList();
                containing = merging.Count > 0 ? merging : visible.Where(v => v != CohortKeys.All).ToList();
            }

            visible.Remove(containing.OrderBy(Size).ThenBy(v => v, StringComparer.Ordinal).First());
        }
    }

    /// <summary>
    /// The run's cells with the views each lies in; null when they cannot be known or do not add up to the views.
    /// Runs written before cells existed have none: with units only, each unit's own cell is the unit minus its child
    /// units (and everyone's is everyone minus the top units); with levels too, the overlaps cannot be rebuilt.
    /// </summary>
    private static List<Cell>? Cells(IReadOnlyDictionary<string, Dictionary<string, int>> measuresByCohort, List<string> views, List<string> measures)
    {
        var cells = new List<Cell>();
        foreach (var (cohort, counts) in measuresByCohort.Where(c => CohortKeys.IsCell(c.Key)))
        {
            if (!CohortKeys.TryParseCell(cohort, out var unit, out var level))
            {
                return null;
            }

            cells.Add(new Cell(CohortKeys.Views(unit, level).ToHashSet(StringComparer.Ordinal), counts));
        }

        if (cells.Count == 0)
        {
            if (views.Any(v => v.StartsWith("level:", StringComparison.Ordinal)))
            {
                return null;
            }

            foreach (var view in views)
            {
                var unit = view == CohortKeys.All ? "" : view["unit:".Length..];
                var children = views.Where(v => v != CohortKeys.All && ParentOf(v) == view).ToList();
                var own = measures.ToDictionary(m => m, m => measuresByCohort[view].GetValueOrDefault(m) - children.Sum(c => measuresByCohort[c].GetValueOrDefault(m)), StringComparer.Ordinal);
                cells.Add(new Cell(CohortKeys.Views(unit, null).ToHashSet(StringComparer.Ordinal), own));
            }
        }

        // Every view must be exactly the sum of its cells, for every measure; else the atoms would not describe it.
        foreach (var view in views)
        {
            foreach (var measure in measures)
            {
                if (cells.Any(c => c.Measures.GetValueOrDefault(measure) < 0)
                    || cells.Where(c => c.Views.Contains(view)).Sum(c => c.Measures.GetValueOrDefault(measure)) != measuresByCohort[view].GetValueOrDefault(measure))
                {
                    return null;
                }
            }
        }

        return cells;
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

/// <summary>One finest cell: the views it lies in ("all" included) and its measures (respondents, answers per question).</summary>
public sealed record Cell(IReadOnlySet<string> Views, IReadOnlyDictionary<string, int> Measures);

/// <summary>The outcome of <see cref="DisclosureRules.Decide"/>: "all" is in <see cref="Views"/> iff it may be shown.</summary>
public sealed record Disclosure(IReadOnlySet<string> Views, IReadOnlyDictionary<string, IReadOnlySet<string>> ByQuestion)
{
    public static Disclosure Nothing { get; } = new(new HashSet<string>(), new Dictionary<string, IReadOnlySet<string>>());

    /// <summary>Whether a question's figures and comments may be shown in a view (never outside the views shown).</summary>
    public bool Shows(string question, string view) => Views.Contains(view) && ByQuestion.TryGetValue(question, out var views) && views.Contains(view);
}

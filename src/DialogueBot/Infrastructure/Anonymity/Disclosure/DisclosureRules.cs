namespace DialogueBot.Infrastructure.Anonymity.Disclosure;

/// <summary>
/// Which views of a set of counts may be shown, so that no combination of the views shown describes fewer than k people.
/// <para>
/// Every respondent lands in exactly one finest cell (<see cref="CohortKind.Cell"/>), and a view (everyone, a unit at
/// any depth, a level) is a union of cells. For a set V of visible views, the cells that belong to exactly the same
/// views of V form an <em>atom</em>. Every visible view is a sum of atoms, and no atom can be split by anything shown,
/// so every sum, difference or other linear combination of the views' figures — counts, answer sums, distributions —
/// is a combination of whole atoms, and the difference of two views' comments is a union of atoms. V is therefore
/// safe iff every atom holds 0 or at least k people.
/// </para>
/// <para>
/// That is decided per measure: respondents (<see cref="Respondents"/>), and for each question the people who answered
/// it, because an optional question answered by one person in a group is a group of one. Start from every view with
/// at least k; while an atom holds 1..k−1, hide the smallest view containing it (if it lies in "everyone" only, the
/// smallest view whose hiding merges it with another atom). Hiding views only merges atoms, so this ends, and any
/// subset of a safe V is safe. "Everyone" is shown iff it has at least k. A question's views start from the views
/// shown for respondents.
/// </para>
/// Nothing here knows what is being counted: a feature passes cohort → (measure → people) and shows only what comes back.
/// </summary>
public static class DisclosureRules
{
    /// <summary>The measure that counts respondents; every other measure is a question's answers.</summary>
    public const string Respondents = "n";

    /// <summary>The filters (views other than everyone) whose respondent counts may be shown.</summary>
    public static HashSet<Cohort> PermittedFilters(IReadOnlyDictionary<Cohort, Dictionary<string, int>> measuresByCohort, int k) =>
        Decide(measuresByCohort, k).Views.Where(v => v != Cohort.Everyone).ToHashSet();

    /// <summary>What may be shown: the views for respondents, and per question the views showing its figures.</summary>
    public static Disclosure Decide(IReadOnlyDictionary<Cohort, Dictionary<string, int>> measuresByCohort, int k)
    {
        var all = measuresByCohort.GetValueOrDefault(Cohort.Everyone);
        if (all is null || all.GetValueOrDefault(Respondents) < k)
        {
            return Disclosure.Nothing;
        }

        var measures = all.Keys.ToList();
        var views = measuresByCohort.Keys.Where(c => c.IsView).ToList();
        var cells = Cells(measuresByCohort, views, measures);
        if (cells is null)
        {
            // The overlaps of the views are unknown (or the rows disagree): only everyone, which is one atom.
            return new Disclosure(
                new HashSet<Cohort> { Cohort.Everyone },
                measures.Where(m => m != Respondents)
                    .ToDictionary(m => m, m => (IReadOnlySet<Cohort>)(all[m] >= k ? new HashSet<Cohort> { Cohort.Everyone } : []), StringComparer.Ordinal));
        }

        var respondents = Suppress(cells, views.Where(v => v != Cohort.Everyone), Respondents, k);
        var byQuestion = new Dictionary<string, IReadOnlySet<Cohort>>(StringComparer.Ordinal);
        foreach (var question in measures.Where(m => m != Respondents))
        {
            byQuestion[question] = all[question] < k ? new HashSet<Cohort>() : Suppress(cells, respondents.Where(v => v != Cohort.Everyone), question, k);
        }

        return new Disclosure(respondents, byQuestion);
    }

    /// <summary>Atoms of <paramref name="visible"/> for one measure: the visible views they lie in (by key, sorted) → people.</summary>
    private static Dictionary<string, (List<Cohort> Views, int People)> Atoms(IReadOnlyList<CellCounts> cells, IReadOnlySet<Cohort> visible, string measure)
    {
        var atoms = new Dictionary<string, (List<Cohort> Views, int People)>(StringComparer.Ordinal);
        foreach (var cell in cells)
        {
            var views = cell.Views.Where(visible.Contains).OrderBy(v => v.Key, StringComparer.Ordinal).ToList();
            var key = string.Join('\n', views.Select(v => v.Key));
            var people = (atoms.TryGetValue(key, out var atom) ? atom.People : 0) + cell.Measures.GetValueOrDefault(measure);
            atoms[key] = (views, people);
        }

        return atoms;
    }

    private static HashSet<Cohort> Suppress(IReadOnlyList<CellCounts> cells, IEnumerable<Cohort> candidates, string measure, int k)
    {
        int Size(Cohort view) => cells.Where(c => c.Views.Contains(view)).Sum(c => c.Measures.GetValueOrDefault(measure));
        var visible = candidates.Where(v => Size(v) >= k).Append(Cohort.Everyone).ToHashSet();
        while (true)
        {
            var atoms = Atoms(cells, visible, measure);
            var offending = atoms.Where(a => a.Value.People > 0 && a.Value.People < k)
                .OrderBy(a => a.Value.People).ThenBy(a => a.Key, StringComparer.Ordinal).Select(a => a.Value.Views).FirstOrDefault();
            if (offending is null)
            {
                return visible;
            }

            var containing = offending.Where(v => v != Cohort.Everyone).ToList();
            if (containing.Count == 0)
            {
                // In "everyone" only: hiding a view V merges it with the atom lying in V alone, if there is one.
                var merging = atoms.Values.Where(a => a.People > 0).Select(a => a.Views.Where(v => v != Cohort.Everyone).ToList()).Where(vs => vs.Count == 1).Select(vs => vs[0]).ToList();
                containing = merging.Count > 0 ? merging : visible.Where(v => v != Cohort.Everyone).ToList();
            }

            visible.Remove(containing.OrderBy(Size).ThenBy(v => v.Key, StringComparer.Ordinal).First());
        }
    }

    /// <summary>
    /// The cells with the views each lies in; null when they cannot be known or do not add up to the views.
    /// Counts written before cells existed have none: with units only, each unit's own cell is the unit minus its
    /// child units (and everyone's is everyone minus the top units); with levels too, the overlaps cannot be rebuilt.
    /// </summary>
    private static List<CellCounts>? Cells(IReadOnlyDictionary<Cohort, Dictionary<string, int>> measuresByCohort, List<Cohort> views, List<string> measures)
    {
        var cells = measuresByCohort.Where(c => c.Key.Kind == CohortKind.Cell)
            .Select(c => new CellCounts(Cohort.ViewsOf(c.Key.Unit, c.Key.Level).ToHashSet(), c.Value))
            .ToList();

        if (cells.Count == 0)
        {
            if (views.Any(v => v.Kind == CohortKind.Level))
            {
                return null;
            }

            foreach (var view in views)
            {
                var children = views.Where(v => v != Cohort.Everyone && v.Parent == view).ToList();
                var own = measures.ToDictionary(m => m, m => measuresByCohort[view].GetValueOrDefault(m) - children.Sum(c => measuresByCohort[c].GetValueOrDefault(m)), StringComparer.Ordinal);
                cells.Add(new CellCounts(Cohort.ViewsOf(view.Unit, null).ToHashSet(), own));
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

    /// <summary>One finest cell: the views it lies in (everyone included) and its measures.</summary>
    private sealed record CellCounts(IReadOnlySet<Cohort> Views, IReadOnlyDictionary<string, int> Measures);
}

/// <summary>The outcome of <see cref="DisclosureRules.Decide"/>: everyone is in <see cref="Views"/> iff it may be shown.</summary>
public sealed record Disclosure(IReadOnlySet<Cohort> Views, IReadOnlyDictionary<string, IReadOnlySet<Cohort>> ByQuestion)
{
    public static Disclosure Nothing { get; } = new(new HashSet<Cohort>(), new Dictionary<string, IReadOnlySet<Cohort>>());

    /// <summary>Whether a question's figures and comments may be shown in a view (never outside the views shown).</summary>
    public bool Shows(string question, Cohort view) => Views.Contains(view) && ByQuestion.TryGetValue(question, out var views) && views.Contains(view);
}

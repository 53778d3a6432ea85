using DialogueBot.Infrastructure.Anonymity.Disclosure;

namespace DialogueBot.Tests.Pulse;

/// <summary>
/// The disclosure rule against differencing, without storage: runs are built from finest cells (stored unit, level)
/// the way the aggregates are written, and every check recomputes which views hold which cells on its own (prefix
/// matching of unit paths), so a mistake in <see cref="Cohort"/> would not hide itself.
/// </summary>
public class PulseDisclosureTests
{
    private const int K = 5;

    private sealed record TestCell(string Unit, int? Level, int N, int Q2);

    private static TestCell C(string unit, int? level, int n, int? q2 = null) => new(unit, level, n, q2 ?? n);

    /// <summary>Aggregate rows as the writer produces them: each cell's people added to every cohort of <see cref="Cohort.AllOf"/>.</summary>
    private static Dictionary<string, Dictionary<string, int>> Run(IEnumerable<TestCell> cells)
    {
        var measures = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var cell in cells.Where(c => c.N > 0))
        {
            foreach (var cohort in KeyedDisclosure.Of(cell.Unit, cell.Level))
            {
                var row = measures.TryGetValue(cohort, out var r) ? r : measures[cohort] = new Dictionary<string, int>(StringComparer.Ordinal);
                row["n"] = row.GetValueOrDefault("n") + cell.N;
                row["q1"] = row.GetValueOrDefault("q1") + cell.N;
                if (cell.Q2 > 0)
                {
                    row["q2"] = row.GetValueOrDefault("q2") + cell.Q2;
                }
            }
        }

        return measures;
    }

    private static bool InView(TestCell cell, string view) =>
        view == "all"
        || (view.StartsWith("unit:", StringComparison.Ordinal) && (cell.Unit == view[5..] || cell.Unit.StartsWith(view[5..] + "/", StringComparison.Ordinal)))
        || (view.StartsWith("level:", StringComparison.Ordinal) && cell.Level?.ToString(System.Globalization.CultureInfo.InvariantCulture) == view[6..]);

    private static bool Safe(int n) => n == 0 || n >= K;

    /// <summary>Every atom of the visible views, and for every pair A, B: A∖B, B∖A and A∩B, each 0 or at least k.</summary>
    private static void AssertNothingUnderK(IReadOnlyList<TestCell> cells, IReadOnlyCollection<string> visible, Func<TestCell, int> people, string what)
    {
        var atoms = cells.GroupBy(c => string.Join(",", visible.Where(v => InView(c, v)).Order(StringComparer.Ordinal))).ToList();
        // People in no visible view (only when nothing at all is shown) are in no figure: not an atom of what is shown.
        foreach (var atom in atoms.Where(a => a.Key.Length > 0))
        {
            Assert.True(Safe(atom.Sum(people)), $"{what}: the atom in [{atom.Key}] holds {atom.Sum(people)} people; visible: {string.Join(" ", visible)}");
        }

        foreach (var a in visible)
        {
            Assert.True(cells.Where(c => InView(c, a)).Sum(people) >= K, $"{what}: {a} is shown with fewer than {K}");
            foreach (var b in visible.Where(b => b != a))
            {
                var aNotB = cells.Where(c => InView(c, a) && !InView(c, b)).Sum(people);
                var both = cells.Where(c => InView(c, a) && InView(c, b)).Sum(people);
                Assert.True(Safe(aNotB) && Safe(both), $"{what}: {a} − {b} = {aNotB}, {a} ∩ {b} = {both}");
            }
        }
    }

    private static void AssertSafe(IReadOnlyList<TestCell> cells, KeyedDisclosure disclosure)
    {
        Assert.Equal(cells.Sum(c => c.N) >= K, disclosure.Views.Contains("all"));
        Assert.DoesNotContain(disclosure.Views, KeyedDisclosure.IsCell);
        AssertNothingUnderK(cells, disclosure.Views.ToList(), c => c.N, "respondents");
        foreach (var question in new[] { "q1", "q2" })
        {
            var shown = disclosure.Views.Where(v => disclosure.Shows(question, v)).ToList();
            AssertNothingUnderK(cells, shown, question == "q1" ? c => c.N : c => c.Q2, question);
        }
    }

    [Fact]
    public void A_level_minus_a_unit_cannot_isolate_the_one_person_in_their_unit_and_level()
    {
        // U1: 5 people at level 3 and 5 at level 4; U2: 6 at level 3. One U1 level-3 person answers with all the others.
        TestCell[] cells = [C("U1", 3, 1), C("U1", 4, 5), C("U2", 3, 6)];

        var disclosure = KeyedDisclosure.Decide(Run(cells), K);

        // level:3 (7) − unit:U2 (6) would be that one person, comment included: they are never both shown.
        Assert.False(disclosure.Views.Contains("level:3") && disclosure.Views.Contains("unit:U2"), string.Join(" ", disclosure.Views));
        Assert.False(disclosure.Views.Contains("unit:U1") && disclosure.Views.Contains("level:4"), string.Join(" ", disclosure.Views));
        Assert.Contains("all", disclosure.Views);
        AssertSafe(cells, disclosure);
    }

    [Fact]
    public void A_parent_unit_minus_its_child_leaves_at_least_k_or_one_of_them_is_hidden()
    {
        // E holds E/P (7), E/Q (2) and 1 person stored at E itself (a coarsened cohort); the rest of the org is 10.
        TestCell[] cells = [C("E/P", null, 7), C("E/Q", null, 2), C("E", null, 1), C("", null, 10)];

        var disclosure = KeyedDisclosure.Decide(Run(cells), K);

        // E (10) − E/P (7) would be 3 people: the smaller view containing them (E) is hidden.
        Assert.Contains("unit:E/P", disclosure.Views);
        Assert.DoesNotContain("unit:E", disclosure.Views);
        AssertSafe(cells, disclosure);

        // Deeper: E/P/X inside E/P inside E, each a difference of 1 from the next.
        TestCell[] deep = [C("E/P/X", null, 6), C("E/P", null, 1), C("E", null, 1), C("", null, 6)];
        var nested = KeyedDisclosure.Decide(Run(deep), K);
        Assert.Contains("unit:E/P/X", nested.Views); // the largest distinct group stays
        Assert.DoesNotContain("unit:E/P", nested.Views);
        Assert.DoesNotContain("unit:E", nested.Views);
        AssertSafe(deep, nested);
    }

    [Fact]
    public void Siblings_that_leave_a_remainder_under_k_lose_the_next_smallest_sibling_too()
    {
        // Complementary suppression: C (3) is hidden, and everyone − A − B would be C, so B (the smaller) goes too.
        TestCell[] top = [C("A", null, 8), C("B", null, 6), C("C", null, 3)];
        Assert.Equal(["all", "unit:A"], KeyedDisclosure.Decide(Run(top), K).Views.Order(StringComparer.Ordinal));

        // The same remainder one level down, and across levels: P − P/A − P/B is P/C, so not all three are shown.
        TestCell[] nested = [C("P/A", 2, 8), C("P/B", 2, 6), C("P/C", 3, 3), C("", 3, 6)];
        var disclosure = KeyedDisclosure.Decide(Run(nested), K);
        Assert.False(new[] { "unit:P", "unit:P/A", "unit:P/B" }.All(disclosure.Views.Contains), string.Join(" ", disclosure.Views));
        AssertSafe(nested, disclosure);
    }

    [Fact]
    public void An_optional_question_is_suppressed_on_its_own_while_the_view_stays()
    {
        // Everyone in U1 and U2 answers q1; only one person at U1 level 3 answers q2 besides U2's six.
        TestCell[] cells = [C("U1", 3, 5, q2: 1), C("U1", 4, 5, q2: 0), C("U2", 3, 6)];

        var disclosure = KeyedDisclosure.Decide(Run(cells), K);

        Assert.Contains("unit:U1", disclosure.Views);
        Assert.False(disclosure.Shows("q2", "unit:U1")); // 1 answer in U1
        Assert.False(disclosure.Shows("q2", "level:3") && disclosure.Shows("q2", "unit:U2")); // 7 − 6 = that one answer
        AssertSafe(cells, disclosure);
    }

    [Fact]
    public void Without_cells_levels_cannot_be_checked_against_units_so_only_everyone_is_shown()
    {
        // A run written before cells existed: the overlaps of units and levels are unknown.
        var measures = Run([C("U1", 3, 1), C("U1", 4, 5), C("U2", 3, 6)]);
        foreach (var cell in measures.Keys.Where(KeyedDisclosure.IsCell).ToList())
        {
            measures.Remove(cell);
        }

        Assert.Equal(["all"], KeyedDisclosure.Decide(measures, K).Views);

        // Rows that do not add up (a cell missing from a view) are not reasoned about either.
        var broken = Run([C("A", null, 6), C("B", null, 6)]);
        broken["unit:A"]["n"] = 7;
        Assert.Equal(["all"], KeyedDisclosure.Decide(broken, K).Views);
    }

    [Fact]
    public void Random_small_orgs_never_show_two_views_that_differ_or_overlap_by_fewer_than_k()
    {
        // Property: whatever the org, every atom and every pairwise difference and intersection is 0 or ≥ k.
        var random = new Random(20260412);
        string[] units = ["", "A", "A/X", "A/Y", "A/X/1", "B", "B/Z", "C"];
        int?[] levels = [null, 2, 3, 4];
        var unitsWithLevels = 0;
        for (var run = 0; run < 400; run++)
        {
            var cells = new List<TestCell>();
            foreach (var unit in units.Where(_ => random.NextDouble() < 0.6))
            {
                foreach (var level in levels.Where(_ => random.NextDouble() < 0.4))
                {
                    var n = random.Next(1, 10);
                    cells.Add(C(unit, level, n, q2: random.NextDouble() < 0.5 ? n : random.Next(0, n + 1)));
                }
            }

            var disclosure = KeyedDisclosure.Decide(Run(cells), K);

            AssertSafe(cells, disclosure);
            unitsWithLevels += disclosure.Views.Any(v => v.StartsWith("unit:", StringComparison.Ordinal)) && disclosure.Views.Any(v => v.StartsWith("level:", StringComparison.Ordinal)) ? 1 : 0;
        }

        // A rule that hid everything but "everyone" would pass the checks above: the orgs must show units beside levels.
        Assert.True(unitsWithLevels > 100, $"only {unitsWithLevels} of 400 runs showed a unit and a level together");
    }
}

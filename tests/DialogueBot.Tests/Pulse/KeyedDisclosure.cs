using DialogueBot.Infrastructure.Anonymity.Disclosure;

namespace DialogueBot.Tests.Pulse;

/// <summary>
/// The disclosure rule seen through stored cohort keys ("all", "unit:A", "level:3", "cell:3:A"): the rule decides
/// on <see cref="Cohort"/> values, and these tests build their runs and check the outcome in keys of their own,
/// so a mistake in parsing or writing a cohort would not hide itself.
/// </summary>
internal sealed record KeyedDisclosure(IReadOnlySet<string> Views, Disclosure Decided)
{
    public static KeyedDisclosure Decide(IReadOnlyDictionary<string, Dictionary<string, int>> measures, int k)
    {
        var decided = DisclosureRules.Decide(measures.ToDictionary(m => Cohort.Parse(m.Key), m => m.Value), k);
        return new KeyedDisclosure(decided.Views.Select(v => v.Key).ToHashSet(StringComparer.Ordinal), decided);
    }

    public static HashSet<string> PermittedFilters(IReadOnlyDictionary<string, Dictionary<string, int>> measures, int k) =>
        DisclosureRules.PermittedFilters(measures.ToDictionary(m => Cohort.Parse(m.Key), m => m.Value), k).Select(v => v.Key).ToHashSet(StringComparer.Ordinal);

    /// <summary>Every cohort key a response stored with (unit, level) counts in, as the aggregate writer iterates them.</summary>
    public static IEnumerable<string> Of(string unit, int? level) => Cohort.AllOf(unit, level).Select(c => c.Key);

    public static bool IsCell(string key) => key.StartsWith("cell:", StringComparison.Ordinal);

    public bool Shows(string question, string view) => Decided.Shows(question, Cohort.Parse(view));
}

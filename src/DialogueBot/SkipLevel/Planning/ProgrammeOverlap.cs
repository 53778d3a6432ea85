using DialogueBot.SkipLevel.Programmes;

namespace DialogueBot.SkipLevel.Planning;

/// <summary>
/// Two programmes overlap when their scopes share people (the whole organisation, the same unit, or one
/// unit inside the other) and their windows share days: each would pair the same managers with the same
/// leaders in the same weeks. Not refused (HR may mean it, e.g. a pilot inside a wider programme), but said
/// on the preview and in the API answer before anything is launched.
/// </summary>
public static class ProgrammeOverlap
{
    public static IReadOnlyList<string> Warnings(SkipLevelProgrammeEntity programme, IEnumerable<SkipLevelProgrammeEntity> others) =>
        others.Where(o => o.Id != programme.Id && WindowsMeet(programme, o) && ScopesMeet(Units(programme), Units(o)))
            .OrderBy(o => o.StartWeek, StringComparer.Ordinal).ThenBy(o => o.Id, StringComparer.Ordinal)
            .Select(o => $"Overlaps \"{o.Name}\" ({ScopeText(o)}, {o.StartWeek} to {o.EndDate}): managers in both would be paired twice in the same weeks. Launch one of them, or change the scope or the window.")
            .ToList();

    public static bool ScopesMeet(IReadOnlyList<string> a, IReadOnlyList<string> b) =>
        a.Count == 0 || b.Count == 0 || a.Any(x => b.Any(y => Contains(x, y) || Contains(y, x)));

    private static bool Contains(string outer, string inner) =>
        string.Equals(outer, inner, StringComparison.OrdinalIgnoreCase) || inner.StartsWith(outer + "/", StringComparison.OrdinalIgnoreCase);

    private static bool WindowsMeet(SkipLevelProgrammeEntity a, SkipLevelProgrammeEntity b) =>
        string.CompareOrdinal(a.StartWeek, b.EndDate) <= 0 && string.CompareOrdinal(b.StartWeek, a.EndDate) <= 0;

    private static IReadOnlyList<string> Units(SkipLevelProgrammeEntity p) => p.ToRules().ScopeUnits;

    private static string ScopeText(SkipLevelProgrammeEntity p) => p.ScopeUnits.Length == 0 ? "whole organisation" : p.ScopeUnits.Replace(";", ", ", StringComparison.Ordinal);
}

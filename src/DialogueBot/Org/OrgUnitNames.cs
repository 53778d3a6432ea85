namespace DialogueBot.Org;

/// <summary>
/// One spelling per org unit. Units are compared case-insensitively (the audience resolver, IsInUnit), but a
/// unit name also becomes a key (a response's cohort, an aggregate's "unit:…", a results filter) where two
/// spellings would be two groups: "Engineering/Platform" and "engineering/platform" could each hold fewer
/// than k people while their sum passed the check. So every unit path, segment by segment, takes the
/// spelling its first occurrence in the chart had, and every consumer sees only that one.
/// </summary>
public static class OrgUnitNames
{
    /// <summary>The people with their units in canonical spelling (unchanged instances where already so).</summary>
    public static IReadOnlyList<OrgPerson> Canonicalise(IReadOnlyList<OrgPerson> people)
    {
        // Keyed by a path prefix compared without case; the value is that prefix's first-seen spelling.
        var canonical = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<OrgPerson>(people.Count);
        foreach (var person in people)
        {
            var unit = Canonical(person.OrgUnit, canonical);
            result.Add(string.Equals(unit, person.OrgUnit, StringComparison.Ordinal) ? person : person with { OrgUnit = unit });
        }

        return result;
    }

    private static string Canonical(string unit, Dictionary<string, string> canonical)
    {
        if (unit.Length == 0)
        {
            return unit;
        }

        var spelled = "";
        var raw = "";
        foreach (var segment in unit.Split('/'))
        {
            raw = raw.Length == 0 ? segment : raw + "/" + segment;
            if (!canonical.TryGetValue(raw, out var known))
            {
                known = spelled.Length == 0 ? segment : spelled + "/" + segment;
                canonical[raw] = known;
            }

            spelled = known;
        }

        return spelled;
    }
}

namespace DialogueBot.Org;

/// <summary>An immutable, indexed view of one imported org chart.</summary>
public sealed class OrgSnapshot
{
    private readonly Dictionary<string, OrgPerson> _byId;
    private readonly Dictionary<string, OrgPerson> _byAad;
    private readonly Dictionary<string, OrgPerson> _byEmail;
    private readonly Dictionary<string, List<OrgPerson>> _reports;

    public OrgSnapshot(string version, IReadOnlyList<OrgPerson> people)
    {
        Version = version;
        // Charts imported before units were canonicalised at import may still mix spellings.
        people = OrgUnitNames.Canonicalise(people);
        People = people;
        _byId = people.ToDictionary(p => p.Id, StringComparer.OrdinalIgnoreCase);
        _byAad = people.Where(p => p.AadObjectId is not null).ToDictionary(p => p.AadObjectId!, StringComparer.OrdinalIgnoreCase);
        _byEmail = people.Where(p => p.Email is not null).ToDictionary(p => p.Email!, StringComparer.OrdinalIgnoreCase);
        _reports = people.Where(p => p.ManagerId is not null).GroupBy(p => p.ManagerId!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.OrderBy(p => p.Id, StringComparer.Ordinal).ToList(), StringComparer.OrdinalIgnoreCase);
        Units = people.SelectMany(p => UnitAndAncestors(p.OrgUnit)).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
    }

    public static OrgSnapshot Empty { get; } = new("", []);

    /// <summary>Changes with every import (and every identity link), so caches know to reload.</summary>
    public string Version { get; }

    public IReadOnlyList<OrgPerson> People { get; }

    /// <summary>Every org unit path and all its ancestors ("Engineering", "Engineering/Platform", …).</summary>
    public IReadOnlyList<string> Units { get; }

    public bool IsEmpty => People.Count == 0;

    public OrgPerson? FindById(string? id) => id is not null && _byId.TryGetValue(id, out var p) ? p : null;

    public OrgPerson? FindByAadObjectId(string? aadObjectId) => aadObjectId is not null && _byAad.TryGetValue(aadObjectId, out var p) ? p : null;

    public OrgPerson? FindByEmail(string? email) => email is not null && _byEmail.TryGetValue(email, out var p) ? p : null;

    public IReadOnlyList<OrgPerson> DirectReports(string id) => _reports.TryGetValue(id, out var list) ? list : [];

    public OrgPerson? ManagerOf(OrgPerson person) => FindById(person.ManagerId);

    /// <summary>True when <paramref name="unit"/> is the person's unit or one of its ancestors.</summary>
    public static bool IsInUnit(OrgPerson person, string unit) =>
        unit.Length == 0
        || string.Equals(person.OrgUnit, unit, StringComparison.OrdinalIgnoreCase)
        || person.OrgUnit.StartsWith(unit + "/", StringComparison.OrdinalIgnoreCase);

    public static IEnumerable<string> UnitAndAncestors(string unit)
    {
        if (unit.Length == 0)
        {
            yield break;
        }

        var parts = unit.Split('/');
        for (var i = 1; i <= parts.Length; i++)
        {
            yield return string.Join('/', parts.Take(i));
        }
    }

    /// <summary>The parent unit of a path, or "" at the top.</summary>
    public static string ParentUnit(string unit)
    {
        var slash = unit.LastIndexOf('/');
        return slash < 0 ? "" : unit[..slash];
    }
}

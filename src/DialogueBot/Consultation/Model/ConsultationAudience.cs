using DialogueBot.Org;

namespace DialogueBot.Consultation.Model;

/// <summary>
/// Who is consulted: active managers in any of <see cref="Units"/> (everything below them included; none means
/// the whole organisation) and at any of <see cref="Levels"/> (none means every level).
/// </summary>
public sealed record ConsultationAudience(IReadOnlyList<string> Units, IReadOnlyList<int> Levels)
{
    public static ConsultationAudience Everyone { get; } = new([], []);

    public bool Includes(OrgPerson person) =>
        person.IsActive
        && person.Roles.HasFlag(OrgRole.Manager)
        && (Units.Count == 0 || Units.Any(u => OrgSnapshot.IsInUnit(person, u)))
        && (Levels.Count == 0 || Levels.Contains(person.Level));

    /// <summary>The audience in a stable order (by org-chart id), so a fan-out is the same list every time.</summary>
    public IReadOnlyList<OrgPerson> Resolve(OrgSnapshot org) =>
        org.People.Where(Includes).OrderBy(p => p.Id, StringComparer.Ordinal).ToList();

    public string Describe() =>
        (Units.Count == 0 ? "Managers across the organisation" : "Managers in " + string.Join(", ", Units))
        + (Levels.Count == 0 ? "" : " at level " + string.Join(", ", Levels));
}

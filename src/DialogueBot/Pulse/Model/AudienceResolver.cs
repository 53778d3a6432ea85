using DialogueBot.Infrastructure.Anonymity.Disclosure;
using DialogueBot.Org;

namespace DialogueBot.Pulse.Model;

/// <summary>Turns an audience into people, and a respondent into a cohort that is never smaller than k.</summary>
public static class AudienceResolver
{
    public static IReadOnlyList<OrgPerson> Resolve(OrgSnapshot org, PulseAudience audience) =>
        org.People.Where(p => Includes(audience, p)).OrderBy(p => p.Id, StringComparer.Ordinal).ToList();

    public static bool Includes(PulseAudience audience, OrgPerson person) =>
        person.IsActive
        && (!audience.ManagersOnly || person.Roles.HasFlag(OrgRole.Manager))
        && (audience.Units.Count == 0 || audience.Units.Any(u => OrgSnapshot.IsInUnit(person, u)))
        && (audience.Levels.Count == 0 || audience.Levels.Contains(person.Level));

    /// <summary>The cell a response is stored in: <see cref="SmallGroups.CellFor"/> (shared with every feature that counts answers).</summary>
    public static Cohort CohortOf(OrgPerson person, IReadOnlyList<OrgPerson> audience, int k) => SmallGroups.CellFor(person, audience, k);
}

using DialogueBot.Org;

namespace DialogueBot.Infrastructure.Anonymity.Disclosure;

/// <summary>Where an answer is counted so that no stored group is smaller than k (moved here from the pulse's AudienceResolver so consultations count ratings by the same rule).</summary>
public static class SmallGroups
{
    /// <summary>
    /// The cohort stored with a response: the person's unit and level if at least <paramref name="k"/> people of
    /// the audience share both; else the deepest unit (walking up) with at least k audience members and no level;
    /// else everyone (the cell of no unit and no level). So every stored (unit, level) pair describes a group of k or more people who were asked:
    /// a response row never points at fewer than k people, even to someone reading the table directly.
    /// </summary>
    /// <returns>The cell (<see cref="CohortKind.Cell"/>) the response is stored in.</returns>
    public static Cohort CellFor(OrgPerson person, IReadOnlyList<OrgPerson> audience, int k)
    {
        var sameUnitAndLevel = audience.Count(p => string.Equals(p.OrgUnit, person.OrgUnit, StringComparison.OrdinalIgnoreCase) && p.Level == person.Level);
        if (person.OrgUnit.Length > 0 && sameUnitAndLevel >= k)
        {
            return Cohort.CellOf(person.OrgUnit, person.Level);
        }

        for (var unit = person.OrgUnit; unit.Length > 0; unit = OrgSnapshot.ParentUnit(unit))
        {
            var inUnit = audience.Count(p => OrgSnapshot.IsInUnit(p, unit));
            if (inUnit >= k)
            {
                return Cohort.CellOf(unit, null);
            }
        }

        return Cohort.CellOf("", null);
    }
}

namespace DialogueBot.Org.Graph;

/// <summary>
/// What a new chart changes against the one in force: who joins, who leaves, who moves (another manager or
/// unit) and whose details change. <see cref="Share"/> is the part of the organisation that joins, leaves or
/// moves, which decides whether HR approves first.
/// </summary>
public sealed record OrgChartDiff(IReadOnlyList<OrgPerson> Joined, IReadOnlyList<OrgPerson> Left, IReadOnlyList<OrgPerson> Moved, int Changed, int People)
{
    public bool IsEmpty => Joined.Count == 0 && Left.Count == 0 && Moved.Count == 0 && Changed == 0;

    public double Share(int currentPeople) => currentPeople == 0 ? 1 : (double)(Joined.Count + Left.Count + Moved.Count) / currentPeople;

    public static OrgChartDiff Compute(IReadOnlyList<OrgPerson> current, IReadOnlyList<OrgPerson> next)
    {
        var before = current.ToDictionary(p => p.Id, StringComparer.OrdinalIgnoreCase);
        var after = next.ToDictionary(p => p.Id, StringComparer.OrdinalIgnoreCase);
        var joined = next.Where(p => !before.ContainsKey(p.Id)).ToList();
        var left = current.Where(p => !after.ContainsKey(p.Id)).ToList();
        var moved = new List<OrgPerson>();
        var changed = 0;
        foreach (var person in next)
        {
            if (!before.TryGetValue(person.Id, out var was))
            {
                continue;
            }

            if (!string.Equals(was.ManagerId, person.ManagerId, StringComparison.OrdinalIgnoreCase) || !string.Equals(was.OrgUnit, person.OrgUnit, StringComparison.OrdinalIgnoreCase))
            {
                moved.Add(person);
            }
            else if (was.Name != person.Name || !string.Equals(was.Email, person.Email, StringComparison.OrdinalIgnoreCase) || was.Roles != person.Roles
                || was.Level != person.Level || !string.Equals(was.AadObjectId, person.AadObjectId, StringComparison.OrdinalIgnoreCase) || was.Status != person.Status)
            {
                changed++;
            }
        }

        return new OrgChartDiff(joined, left, moved, changed, next.Count);
    }
}

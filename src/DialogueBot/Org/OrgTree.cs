namespace DialogueBot.Org;

/// <summary>Checks that the people form a forest (unique ids, known managers, no cycles) and derives levels.</summary>
public static class OrgTree
{
    public static void Validate(IReadOnlyList<(int Line, OrgPerson Person)> people, List<OrgChartError> errors)
    {
        var lineOf = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var aadSeen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var emailSeen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (line, person) in people)
        {
            if (!lineOf.TryAdd(person.Id, line))
            {
                errors.Add(new OrgChartError(line, $"id '{person.Id}' is used again (first on line {lineOf[person.Id]})."));
            }

            if (person.AadObjectId is { } aad && !aadSeen.TryAdd(aad, line))
            {
                errors.Add(new OrgChartError(line, $"aadObjectId is used again (first on line {aadSeen[aad]})."));
            }

            if (person.Email is { } email && !emailSeen.TryAdd(email, line))
            {
                errors.Add(new OrgChartError(line, $"email is used again (first on line {emailSeen[email]})."));
            }
        }

        var byId = people.GroupBy(p => p.Person.Id, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        foreach (var (line, person) in people)
        {
            if (person.ManagerId is null)
            {
                continue;
            }

            if (string.Equals(person.ManagerId, person.Id, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(new OrgChartError(line, "A person cannot be their own manager."));
            }
            else if (!byId.ContainsKey(person.ManagerId))
            {
                errors.Add(new OrgChartError(line, $"managerId '{person.ManagerId}' is not the id of anyone in the file."));
            }
        }

        if (errors.Count > 0)
        {
            return;
        }

        if (!people.Any(p => p.Person.ManagerId is null))
        {
            errors.Add(new OrgChartError(people[0].Line, "Nobody is at the top: exactly the top of the organisation must have an empty managerId."));
            return;
        }

        // Walk up from each person; a walk longer than the number of people is a cycle.
        var reported = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (line, person) in people)
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var current = person;
            while (current.ManagerId is { } managerId)
            {
                if (!seen.Add(current.Id))
                {
                    if (reported.Add(person.Id))
                    {
                        errors.Add(new OrgChartError(line, $"'{person.Id}' is in a reporting cycle (through {string.Join(" → ", seen.Take(6))})."));
                    }

                    break;
                }

                current = byId[managerId].Person;
            }
        }
    }

    /// <summary>Sets each person's level: 1 at a root, one more per step down.</summary>
    public static IReadOnlyList<OrgPerson> WithLevels(IReadOnlyList<OrgPerson> people)
    {
        var byId = people.ToDictionary(p => p.Id, StringComparer.OrdinalIgnoreCase);
        var levels = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

        int LevelOf(OrgPerson person)
        {
            var chain = new Stack<OrgPerson>();
            var current = person;
            while (!levels.ContainsKey(current.Id) && current.ManagerId is { } managerId)
            {
                chain.Push(current);
                current = byId[managerId];
            }

            var level = levels.TryGetValue(current.Id, out var known) ? known : 1;
            levels[current.Id] = level;
            while (chain.Count > 0)
            {
                level++;
                levels[chain.Pop().Id] = level;
            }

            return levels[person.Id];
        }

        return people.Select(p => p with { Level = LevelOf(p) }).ToList();
    }

    /// <summary>
    /// For people whose role cell was empty: the top of the tree is an executive, anyone with reports is a
    /// manager, the rest are members. An explicit role always wins.
    /// </summary>
    public static IReadOnlyList<OrgPerson> DeriveRoles(IReadOnlyList<OrgPerson> people, IReadOnlySet<string> roleLeftEmpty)
    {
        var managers = people.Where(p => p.ManagerId is not null).Select(p => p.ManagerId!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return people.Select(p =>
        {
            if (!roleLeftEmpty.Contains(p.Id))
            {
                return p;
            }

            var roles = p.ManagerId is null ? OrgRole.Executive : managers.Contains(p.Id) ? OrgRole.Manager : OrgRole.None;
            return p with { Roles = roles };
        }).ToList();
    }
}

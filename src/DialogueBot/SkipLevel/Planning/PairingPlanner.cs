using DialogueBot.Org;

namespace DialogueBot.SkipLevel.Planning;

/// <summary>
/// Plans one cycle of a skip-level programme. Pure and deterministic: the same org chart, rules, cycle and
/// history give the same plan whatever order the people or the history arrive in (everything is sorted by
/// ordinal id; nothing depends on hash order, clocks or randomness).
///
/// The rule: a manager meets the nearest leader at least two levels above them. Exactly two levels is the
/// normal case. The fallback covers uneven trees: when the line between them holds no manager at two or
/// more levels below the leader (for example someone with reports who is not a manager), the nearest
/// manager further down meets that leader instead. Managers deeper than that meet nobody in this cycle:
/// their skip-level is the manager above them.
/// </summary>
public static class PairingPlanner
{
    /// <param name="notBefore">The first week that may be used (the current one): earlier weeks of the cycle are over.</param>
    public static SkipLevelPlan Plan(OrgSnapshot org, ProgrammeRules rules, int cycle, IEnumerable<PastMeeting> history, DateOnly? notBefore = null)
    {
        var cycleWeeks = rules.WeeksOf(cycle);
        var weeks = cycleWeeks.Where(w => notBefore is not { } first || w >= first).ToList();
        var notes = new List<string>();
        var skipped = new List<SkippedPerson>();
        var past = history.ToList();

        foreach (var goneId in past.SelectMany(m => new[] { m.LeaderId, m.ManagerId })
                     .Where(id => org.FindById(id) is null)
                     .Distinct(StringComparer.OrdinalIgnoreCase)
                     .Order(StringComparer.Ordinal))
        {
            skipped.Add(new SkippedPerson(goneId, "No longer in the org chart."));
        }

        if (weeks.Count == 0)
        {
            notes.Add(cycleWeeks.Count == 0 ? $"Cycle {cycle} starts after the programme's end date: nothing to plan." : $"Cycle {cycle}'s weeks are all over: nothing to plan.");
            return new SkipLevelPlan(cycle, weeks, [], skipped, notes);
        }

        var assignments = new List<(OrgPerson Leader, OrgPerson Manager, PairingRule Rule, int Distance)>();
        foreach (var manager in org.People.Where(p => IsManager(p) && InScope(p, rules)).OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            if (FindLeader(org, rules, manager) is not { } found)
            {
                continue;
            }

            if (!manager.IsActive)
            {
                skipped.Add(new SkippedPerson(manager.Id, "On leave."));
            }
            else if (Programmes.ParticipationRules.Reason(rules.LeftOut.GetValueOrDefault(manager.Id)) is { } own)
            {
                skipped.Add(new SkippedPerson(manager.Id, own));
            }
            else if (Programmes.ParticipationRules.Reason(rules.LeftOut.GetValueOrDefault(found.Leader.Id)) is { } leaders)
            {
                skipped.Add(new SkippedPerson(manager.Id, $"Their skip-level leader ({found.Leader.Name}): {leaders.TrimEnd('.').ToLowerInvariant()}."));
            }
            else if (!found.Leader.IsActive)
            {
                skipped.Add(new SkippedPerson(manager.Id, $"Their skip-level leader ({found.Leader.Name}) is on leave."));
            }
            else
            {
                assignments.Add((found.Leader, manager, found.Distance == 2 ? PairingRule.TwoLevelsBelow : PairingRule.NearestBelow, found.Distance));
            }
        }

        var lastMet = LastMeetings(past);
        var pairs = new List<PlannedPair>();
        foreach (var group in assignments.GroupBy(a => a.Leader.Id, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            // Who has waited longest goes first; whoever met this leader most recently goes last.
            var ordered = group
                .OrderBy(a => lastMet.TryGetValue((a.Leader.Id, a.Manager.Id), out var week) ? week.DayNumber : int.MinValue)
                .ThenBy(a => a.Manager.Id, StringComparer.Ordinal)
                .ToList();
            var capacity = weeks.Count * rules.PerWeekCap;
            var placed = Math.Min(ordered.Count, capacity);
            for (var i = 0; i < ordered.Count; i++)
            {
                var (leader, manager, rule, distance) = ordered[i];
                if (i >= placed)
                {
                    skipped.Add(new SkippedPerson(manager.Id, $"{leader.Name} already has {capacity} meetings in this cycle ({rules.PerWeekCap} a week for {weeks.Count} weeks)."));
                    continue;
                }

                // Spreads evenly: week i·W/n puts at most ceil(n/W) meetings in a week, which is within the cap.
                pairs.Add(new PlannedPair(leader.Id, manager.Id, weeks[(int)((long)i * weeks.Count / placed)], rule, distance));
            }
        }

        var fallback = pairs.Count(p => p.Rule == PairingRule.NearestBelow);
        notes.Add($"Rule: each manager meets the leader two levels above them. {pairs.Count} pairs across {weeks.Count} weeks, at most {rules.PerWeekCap} a week per leader.");
        if (fallback > 0)
        {
            notes.Add($"Uneven tree: {fallback} managers have nobody eligible exactly two levels below a leader on their line, so they meet the nearest leader above instead.");
        }

        var idle = org.People.Where(p => IsLeader(p, rules) && p.IsActive && pairs.All(x => !string.Equals(x.LeaderId, p.Id, StringComparison.Ordinal)))
            .OrderBy(p => p.Id, StringComparer.Ordinal).Select(p => p.Name).ToList();
        if (idle.Count > 0)
        {
            notes.Add($"{idle.Count} leaders have no managers two levels below them in scope (a flat team or everyone deeper is covered by a closer leader): {string.Join(", ", idle.Take(10))}{(idle.Count > 10 ? ", …" : "")}.");
        }

        skipped.Sort((a, b) => string.CompareOrdinal(a.PersonId, b.PersonId));
        pairs.Sort((a, b) => a.Week != b.Week ? a.Week.CompareTo(b.Week) : string.CompareOrdinal(a.LeaderId, b.LeaderId) is var c && c != 0 ? c : string.CompareOrdinal(a.ManagerId, b.ManagerId));
        return new SkipLevelPlan(cycle, weeks, pairs, skipped, notes);
    }

    public static bool IsManager(OrgPerson person) => person.Roles.HasFlag(OrgRole.Manager);

    public static bool InScope(OrgPerson person, ProgrammeRules rules) =>
        rules.ScopeUnits.Count == 0 || rules.ScopeUnits.Any(unit => OrgSnapshot.IsInUnit(person, unit));

    public static bool IsLeader(OrgPerson person, ProgrammeRules rules) =>
        InScope(person, rules) && ((rules.ExecutivesLead && person.Roles.HasFlag(OrgRole.Executive)) || rules.LeaderLevels.Contains(person.Level));

    /// <summary>The nearest leader at least two levels up, if the line between them allows it (see the class summary).</summary>
    private static (OrgPerson Leader, int Distance)? FindLeader(OrgSnapshot org, ProgrammeRules rules, OrgPerson manager)
    {
        var line = new List<OrgPerson>(); // line[0] is the manager's own manager
        var current = org.ManagerOf(manager);
        while (current is not null && line.Count < 1000)
        {
            line.Add(current);
            var distance = line.Count;
            if (distance >= 2 && IsLeader(current, rules))
            {
                // Between them, at two or more levels below the leader: line[0 .. distance-3].
                var nearer = line.Take(distance - 2).Any(p => IsManager(p) && InScope(p, rules));
                return nearer ? null : (current, distance);
            }

            current = org.ManagerOf(current);
        }

        return null;
    }

    private static Dictionary<(string, string), DateOnly> LastMeetings(IEnumerable<PastMeeting> history)
    {
        var last = new Dictionary<(string, string), DateOnly>();
        foreach (var meeting in history)
        {
            var key = (meeting.LeaderId, meeting.ManagerId);
            if (!last.TryGetValue(key, out var known) || meeting.Week > known)
            {
                last[key] = meeting.Week;
            }
        }

        return last;
    }
}

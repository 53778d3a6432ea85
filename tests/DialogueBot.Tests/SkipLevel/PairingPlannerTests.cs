using System.Text.Json;
using DialogueBot.Demo;
using DialogueBot.Org;
using DialogueBot.SkipLevel.Planning;

namespace DialogueBot.Tests.SkipLevel;

/// <summary>The pure pairing planner: the rule, its fallback, spreading with caps, ordering by history, determinism.</summary>
public class PairingPlannerTests
{
    private static readonly IReadOnlyList<OrgPerson> Demo = OrgChartCsv.Parse(DemoSeeder.DemoOrgCsv()).People;

    private static readonly ProgrammeRules ExecutivesSixWeeks = new()
    {
        ExecutivesLead = true,
        CadenceWeeks = 6,
        StartWeek = new DateOnly(2026, 12, 7),
        EndDate = new DateOnly(2027, 6, 30),
        PerWeekCap = 2,
    };

    [Fact]
    public void Demo_org_each_manager_meets_the_executive_two_levels_above()
    {
        var plan = PairingPlanner.Plan(new OrgSnapshot("v", Demo), ExecutivesSixWeeks, 1, []);

        var byLeader = plan.Pairs.GroupBy(p => p.LeaderId).ToDictionary(g => g.Key, g => g.Select(p => p.ManagerId).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(["p06", "p07", "p08", "p09", "p10", "p11"], byLeader["p01"]);
        Assert.Equal(["p12", "p13", "p14", "p15", "p16", "p17"], byLeader["p02"]);
        Assert.Equal(["p18", "p19", "p20", "p21"], byLeader["p03"]);
        Assert.Equal(["p23", "p24"], byLeader["p04"]);
        Assert.Equal(["p25", "p26"], byLeader["p05"]);
        Assert.Equal(20, plan.Pairs.Count);
        Assert.All(plan.Pairs, p => Assert.Equal(PairingRule.TwoLevelsBelow, p.Rule));

        var onLeave = Assert.Single(plan.Skipped);
        Assert.Equal("p22", onLeave.PersonId);
        Assert.Equal("On leave.", onLeave.Reason);
        Assert.Equal(6, plan.Weeks.Count);
        Assert.All(plan.Pairs.GroupBy(p => (p.LeaderId, p.Week)), g => Assert.True(g.Count() <= 2));
        // Six managers over six weeks: one a week, spread evenly.
        Assert.Equal(plan.Weeks, plan.Pairs.Where(p => p.LeaderId == "p01").Select(p => p.Week).Order());
    }

    [Fact]
    public void Scope_limits_leaders_and_managers_to_the_chosen_units()
    {
        var plan = PairingPlanner.Plan(new OrgSnapshot("v", Demo), ExecutivesSixWeeks with { ScopeUnits = ["Engineering"] }, 1, []);

        Assert.All(plan.Pairs, p => Assert.Equal("p02", p.LeaderId));
        Assert.Equal(6, plan.Pairs.Count);
    }

    [Fact]
    public void A_full_cycle_skips_the_overflow_with_a_reason_and_never_exceeds_the_cap()
    {
        var rules = ExecutivesSixWeeks with { CadenceWeeks = 2, PerWeekCap = 2 };

        var plan = PairingPlanner.Plan(new OrgSnapshot("v", Demo), rules, 1, []);

        Assert.Equal(4, plan.Pairs.Count(p => p.LeaderId == "p01"));
        Assert.All(plan.Pairs.GroupBy(p => (p.LeaderId, p.Week)), g => Assert.True(g.Count() <= 2));
        var overflow = plan.Skipped.Where(s => s.Reason.Contains("already has 4 meetings", StringComparison.Ordinal)).Select(s => s.PersonId).ToList();
        Assert.Equal(["p10", "p11", "p16", "p17"], overflow);
    }

    [Fact]
    public void Managers_who_met_the_leader_most_recently_go_last_and_people_who_left_are_listed()
    {
        var history = new[]
        {
            new PastMeeting("p02", "p12", new DateOnly(2026, 11, 2)),
            new PastMeeting("p02", "p13", new DateOnly(2026, 10, 5)),
            new PastMeeting("p02", "p99", new DateOnly(2026, 10, 12)),
        };

        var plan = PairingPlanner.Plan(new OrgSnapshot("v", Demo), ExecutivesSixWeeks, 2, history);

        var order = plan.Pairs.Where(p => p.LeaderId == "p02").OrderBy(p => p.Week).Select(p => p.ManagerId).ToArray();
        Assert.Equal(["p14", "p15", "p16", "p17", "p13", "p12"], order);
        Assert.Contains(plan.Skipped, s => s.PersonId == "p99" && s.Reason == "No longer in the org chart.");
        Assert.Equal(new DateOnly(2027, 1, 18), plan.Weeks[0]); // cycle 2 starts six weeks after 7 Dec
    }

    [Fact]
    public void A_leader_on_leave_is_explained_for_each_of_their_managers()
    {
        var people = Demo.Select(p => p.Id == "p04" ? p with { Status = PersonStatus.Leave } : p).ToList();

        var plan = PairingPlanner.Plan(new OrgSnapshot("v", people), ExecutivesSixWeeks, 1, []);

        Assert.DoesNotContain(plan.Pairs, p => p.LeaderId == "p04");
        Assert.Contains(plan.Skipped, s => s.PersonId == "p23" && s.Reason.Contains("(Lynne Robbins) is on leave", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_manager_two_levels_down_the_nearest_manager_further_down_meets_the_leader()
    {
        // c1 → x1 (has reports but is explicitly not a manager) → x2 (same) → m1 (manager): m1 is three levels down.
        var csv = "id,email,name,managerId,orgUnit,role\n" +
                  "c1,c1@x.example,Cee,,Org,executive\n" +
                  "x1,x1@x.example,Ex One,c1,Org,member\n" +
                  "x2,x2@x.example,Ex Two,x1,Org,member\n" +
                  "m1,m1@x.example,Em One,x2,Org,manager\n" +
                  "m2,m2@x.example,Em Two,m1,Org,manager\n" +
                  "i1,i1@x.example,Ic One,m2,Org,member\n";
        var people = OrgChartCsv.Parse(csv).People;

        var plan = PairingPlanner.Plan(new OrgSnapshot("v", people), ExecutivesSixWeeks, 1, []);

        var pair = Assert.Single(plan.Pairs);
        Assert.Equal(("c1", "m1", PairingRule.NearestBelow, 3), (pair.LeaderId, pair.ManagerId, pair.Rule, pair.Distance));
        Assert.Contains(plan.Notes, n => n.Contains("Uneven tree", StringComparison.Ordinal));
    }

    [Fact]
    public void Generated_two_thousand_person_uneven_org_pairs_every_eligible_manager_once_within_caps_deterministically()
    {
        var people = GeneratedOrg.Build(2000);
        var org = new OrgSnapshot("v", people);
        var rules = new ProgrammeRules
        {
            ExecutivesLead = true,
            LeaderLevels = [4, 6, 8],
            CadenceWeeks = 6,
            StartWeek = new DateOnly(2026, 12, 7),
            EndDate = new DateOnly(2027, 12, 31),
            PerWeekCap = 40,
        };
        var history = new[] { new PastMeeting("g0001", "g0100", new DateOnly(2026, 10, 5)), new PastMeeting("g0002", "g0200", new DateOnly(2026, 11, 2)) };

        var plan = PairingPlanner.Plan(org, rules, 1, history);

        Assert.True(people.Max(p => p.Level) >= 8, "the generated tree should be deep in places");
        Assert.True(plan.Pairs.Count > 200, $"only {plan.Pairs.Count} pairs");

        // Exactly once per cycle.
        Assert.Equal(plan.Pairs.Count, plan.Pairs.Select(p => p.ManagerId).Distinct().Count());
        Assert.Empty(plan.Pairs.Select(p => p.ManagerId).Intersect(plan.Skipped.Select(s => s.PersonId)));

        // Every active manager with an active leader exactly two levels up is paired (the main rule, checked independently).
        bool Leads(OrgPerson p) => p.Roles.HasFlag(OrgRole.Executive) || p.Level is 4 or 6 or 8;
        var paired = plan.Pairs.Select(p => p.ManagerId).ToHashSet();
        var expected = people.Where(p => p.Roles.HasFlag(OrgRole.Manager) && p.IsActive && org.ManagerOf(p) is { } m && org.ManagerOf(m) is { } skip && Leads(skip) && skip.IsActive).ToList();
        Assert.All(expected, p => Assert.Contains(p.Id, paired));

        // Every pair: an active leader at least two levels above an active manager; the fallback only where nobody eligible is in between.
        foreach (var pair in plan.Pairs)
        {
            var manager = org.FindById(pair.ManagerId)!;
            var leader = org.FindById(pair.LeaderId)!;
            Assert.True(manager.IsActive && leader.IsActive && Leads(leader) && manager.Roles.HasFlag(OrgRole.Manager));
            Assert.Equal(manager.Level - leader.Level, pair.Distance);
            var line = new List<OrgPerson>();
            for (var up = org.ManagerOf(manager); up is not null && up.Id != leader.Id; up = org.ManagerOf(up))
            {
                line.Add(up);
            }

            Assert.Equal(pair.Distance - 1, line.Count); // the leader is an ancestor
            Assert.DoesNotContain(line.Skip(1), p => Leads(p)); // no nearer leader at two or more levels
            if (pair.Rule == PairingRule.NearestBelow)
            {
                Assert.DoesNotContain(line.Take(pair.Distance - 2), p => p.Roles.HasFlag(OrgRole.Manager));
            }
        }

        Assert.Contains(plan.Pairs, p => p.Rule == PairingRule.NearestBelow);
        Assert.Contains(plan.Skipped, s => s.Reason == "On leave.");

        // Per-week caps, and an even spread: a leader's weeks differ by at most one meeting.
        foreach (var leader in plan.Pairs.GroupBy(p => p.LeaderId))
        {
            var perWeek = plan.Weeks.Select(w => leader.Count(p => p.Week == w)).ToList();
            Assert.All(perWeek, n => Assert.True(n <= rules.PerWeekCap));
            Assert.True(perWeek.Max() - perWeek.Min() <= 1, $"{leader.Key}: {string.Join(",", perWeek)}");
        }

        // Deterministic across runs and across the order of the input.
        var again = PairingPlanner.Plan(new OrgSnapshot("v", GeneratedOrg.Build(2000)), rules, 1, history);
        var shuffled = PairingPlanner.Plan(new OrgSnapshot("v", GeneratedOrg.Shuffle(people, 7)), rules, 1, history.Reverse());
        Assert.Equal(Json(plan), Json(again));
        Assert.Equal(Json(plan), Json(shuffled));
    }

    [Fact]
    public void A_cycle_after_the_window_has_no_pairs()
    {
        var rules = ExecutivesSixWeeks with { EndDate = new DateOnly(2026, 12, 31) };

        Assert.Equal(1, rules.CycleCount);
        var plan = PairingPlanner.Plan(new OrgSnapshot("v", Demo), rules, 2, []);
        Assert.Empty(plan.Pairs);
        Assert.Equal(4, PairingPlanner.Plan(new OrgSnapshot("v", Demo), rules, 1, []).Weeks.Count); // clipped to the window
    }

    private static string Json(SkipLevelPlan plan) => JsonSerializer.Serialize(plan);
}

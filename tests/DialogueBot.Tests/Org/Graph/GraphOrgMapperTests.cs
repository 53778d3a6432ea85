using DialogueBot.Org;
using DialogueBot.Org.Graph;
using Microsoft.Extensions.Options;

namespace DialogueBot.Tests.Org.Graph;

/// <summary>The rules that turn Entra ID users into an org chart, and what counts as a change.</summary>
public sealed class GraphOrgMapperTests
{
    private static GraphUser User(string id, string? manager = null, string? department = null, bool enabled = true) =>
        new() { Id = id, DisplayName = "Person " + id, Mail = id + "@contoso.test", ManagerId = manager, Department = department, AccountEnabled = enabled };

    private static IReadOnlyList<OrgPerson> Map(GraphOptions options, OrgSnapshot? current, params GraphUser[] users) =>
        new GraphOrgMapper(Options.Create(options)).Map(users.ToDictionary(u => u.Id), current ?? OrgSnapshot.Empty);

    [Fact]
    public void A_disabled_manager_is_skipped_over_to_the_next_one_up()
    {
        var people = Map(new GraphOptions(), null, User("a"), User("b", "a", enabled: false), User("c", "b"));

        Assert.Equal(["a", "c"], people.Select(p => p.Id).Order());
        Assert.Equal(("a", 2), (people.Single(p => p.Id == "c").ManagerId, people.Single(p => p.Id == "c").Level));
    }

    [Fact]
    public void Guests_are_not_part_of_the_org_chart()
    {
        var people = Map(new GraphOptions(), null, User("a"), User("b", "a") with { UserType = "Guest" }, User("c", "a") with { UserType = "Member" });

        Assert.Equal(["a", "c"], people.Select(p => p.Id).Order());
    }

    [Fact]
    public void A_reporting_cycle_in_the_directory_is_cut_and_a_self_manager_is_a_top()
    {
        var people = Map(new GraphOptions(), null, User("a", "c"), User("b", "a"), User("c", "b"), User("d", "d"));

        Assert.Single(people, p => p.ManagerId is null && p.Id != "d");
        Assert.Null(people.Single(p => p.Id == "d").ManagerId);
        Assert.All(people, p => Assert.InRange(p.Level, 1, 3));
    }

    [Fact]
    public void Without_executive_groups_the_top_with_reports_is_executive_and_anyone_with_reports_a_manager()
    {
        var people = Map(new GraphOptions(), null, User("a"), User("b", "a"), User("c", "b"));

        Assert.Equal(OrgRole.Executive | OrgRole.Manager, people.Single(p => p.Id == "a").Roles);
        Assert.Equal(OrgRole.Manager, people.Single(p => p.Id == "b").Roles);
        Assert.Equal(OrgRole.None, people.Single(p => p.Id == "c").Roles);
    }

    [Fact]
    public void Unit_and_level_can_come_from_attributes()
    {
        var options = new GraphOptions { OrgUnitSource = OrgUnitSource.Attribute, OrgUnitAttribute = "extension_x_orgUnit", LevelSource = LevelSource.Attribute, LevelAttribute = "extension_x_level" };
        var people = Map(options, null, User("a") with { OrgUnitValue = "Group", LevelValue = "1" }, User("b", "a") with { OrgUnitValue = "Group/Platform", LevelValue = "4" }, User("c", "b") with { LevelValue = "not a number" });

        Assert.Equal(("Group/Platform", 4), (people.Single(p => p.Id == "b").OrgUnit, people.Single(p => p.Id == "b").Level));
        Assert.Equal(3, people.Single(p => p.Id == "c").Level); // depth when the attribute says nothing usable
    }

    [Fact]
    public void People_the_chart_knows_keep_their_chart_id_leave_and_time_zone()
    {
        var current = new OrgSnapshot("v1", [
            new OrgPerson { Id = "E100", Name = "Old name", AadObjectId = "a", ManagerId = null },
            new OrgPerson { Id = "E200", Name = "By email", Email = "b@contoso.test", ManagerId = "E100", TimeZone = "Europe/Berlin", Status = PersonStatus.Leave },
        ]);

        var people = Map(new GraphOptions(), current, User("a"), User("b", "a"), User("c", "b"));

        Assert.Equal(["E100", "E200", "c"], people.Select(p => p.Id).Order(StringComparer.Ordinal));
        var b = people.Single(p => p.Id == "E200");
        Assert.Equal(("E100", "b", "Europe/Berlin", PersonStatus.Leave), (b.ManagerId, b.AadObjectId, b.TimeZone, b.Status));
        Assert.Equal("E200", people.Single(p => p.Id == "c").ManagerId);
    }

    [Fact]
    public void Directory_text_is_cleaned_at_the_door()
    {
        var people = Map(new GraphOptions(), null, User("a") with { DisplayName = "Eve\u202E\u0007 Evil", Department = "Sales/#?\\Ops" });

        Assert.Equal("Eve Evil", people[0].Name);
        Assert.DoesNotContain(people[0].OrgUnit, c => c is '#' or '?' or '\\');
    }

    [Fact]
    public void The_share_counts_joiners_leavers_and_movers_but_not_detail_changes()
    {
        OrgPerson P(string id, string? manager = null, string name = "x") => new() { Id = id, Name = name, ManagerId = manager };
        var diff = OrgChartDiff.Compute([P("a"), P("b", "a"), P("c", "a"), P("d", "a")], [P("a"), P("b", "c"), P("c", "a", "renamed"), P("e", "a")]);

        Assert.Equal((1, 1, 1, 1), (diff.Joined.Count, diff.Left.Count, diff.Moved.Count, diff.Changed));
        Assert.Equal(0.75, diff.Share(4));
        Assert.Equal(1, OrgChartDiff.Compute([], [P("a")]).Share(0));
    }
}

using DialogueBot.Demo;
using DialogueBot.Org;

namespace DialogueBot.Tests.Org;

public class OrgChartCsvTests
{
    private const string Header = "id,aadObjectId,email,name,managerId,orgUnit,role,timeZone,status";

    private static OrgChartParseResult Parse(params string[] lines) => OrgChartCsv.Parse(string.Join("\n", [Header, .. lines]));

    [Fact]
    public void The_demo_org_is_valid_with_thirty_people_on_five_levels()
    {
        var result = OrgChartCsv.Parse(DemoSeeder.DemoOrgCsv());

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(30, result.People.Count);
        Assert.Equal(1, result.People.Single(p => p.Id == "p01").Level);
        Assert.Equal(4, result.People.Single(p => p.Id == "p12").Level);
        Assert.Equal(OrgRole.Manager | OrgRole.HR, result.People.Single(p => p.Id == "p12").Roles);
        Assert.Equal(PersonStatus.Leave, result.People.Single(p => p.Id == "p22").Status);
    }

    [Fact]
    public void Every_problem_is_reported_with_its_line_number()
    {
        var result = Parse(
            "c1,,ceo@x.example,Ceo,,Exec,executive,,",
            "m1,not-a-guid,,Manager One,c1,Sales,manager,,",
            "m2,,m2@x.example,,c1,Sales,wizard,Mars/Olympus,",
            "m3,,m3@x.example,Manager Three,nobody,Sales,manager,,retired");

        Assert.False(result.IsValid);
        var byLine = result.Errors.ToLookup(e => e.Line);
        Assert.Contains(byLine[3], e => e.Message.Contains("aadObjectId", StringComparison.Ordinal));
        Assert.Contains(byLine[4], e => e.Message.Contains("'name' is empty", StringComparison.Ordinal));
        Assert.Contains(byLine[4], e => e.Message.Contains("'role' 'wizard'", StringComparison.Ordinal));
        Assert.Contains(byLine[4], e => e.Message.Contains("timeZone", StringComparison.Ordinal));
        Assert.Contains(byLine[5], e => e.Message.Contains("status", StringComparison.Ordinal));
        Assert.Empty(result.People);
    }

    [Fact]
    public void Unknown_managers_and_duplicates_are_reported()
    {
        var result = Parse(
            "c1,,ceo@x.example,Ceo,,Exec,,,",
            "m1,,m1@x.example,One,ghost,Sales,,,",
            "c1,,other@x.example,Dup,,Exec,,,",
            "m2,,m1@x.example,Two,c1,Sales,,,");

        Assert.Contains(result.Errors, e => e.Line == 3 && e.Message.Contains("managerId 'ghost'", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Line == 4 && e.Message.Contains("id 'c1' is used again (first on line 2)", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Line == 5 && e.Message.Contains("email is used again", StringComparison.Ordinal));
    }

    [Fact]
    public void A_reporting_cycle_is_found()
    {
        var result = Parse(
            "c1,,ceo@x.example,Ceo,,Exec,,,",
            "a,,a@x.example,A,b,Sales,,,",
            "b,,b@x.example,B,a,Sales,,,");

        Assert.Contains(result.Errors, e => e.Message.Contains("reporting cycle", StringComparison.Ordinal));
    }

    [Fact]
    public void Quoted_cells_may_hold_commas_quotes_and_line_breaks()
    {
        var result = OrgChartCsv.Parse("id,email,name,managerId,orgUnit\r\nc1,ceo@x.example,\"Chief, \"\"The Boss\"\"\",,\"Exec\"\r\nm1,m@x.example,\"Multi\nLine\",c1, Sales / EMEA /\r\n");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal("Chief, \"The Boss\"", result.People[0].Name);
        Assert.Equal("Multi\nLine", result.People[1].Name);
        Assert.Equal("Sales/EMEA", result.People[1].OrgUnit);
    }

    [Fact]
    public void Roles_left_empty_are_derived_from_the_tree()
    {
        var result = Parse(
            "c1,,ceo@x.example,Ceo,,Exec,,,",
            "m1,,m1@x.example,Manager,c1,Sales,,,",
            "e1,,e1@x.example,Engineer,m1,Sales,,,",
            "h1,,h1@x.example,People Partner,c1,People,hr,,");

        var roles = result.People.ToDictionary(p => p.Id, p => p.Roles);
        Assert.Equal(OrgRole.Executive, roles["c1"]);
        Assert.Equal(OrgRole.Manager, roles["m1"]);
        Assert.Equal(OrgRole.None, roles["e1"]);
        Assert.Equal(OrgRole.HR, roles["h1"]);
    }

    [Fact]
    public void A_header_without_the_required_columns_is_refused()
    {
        var result = OrgChartCsv.Parse("name,colour\nA,blue\n");

        Assert.Contains(result.Errors, e => e.Line == 1 && e.Message.Contains("Unknown column 'colour'", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Message.Contains("no 'id' column", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unclosed_quote_and_ragged_rows_are_reported()
    {
        Assert.Contains(OrgChartCsv.Parse("id,email,name\nc1,a@x.example,\"Open").Errors, e => e.Message.Contains("never closed", StringComparison.Ordinal));
        Assert.Contains(OrgChartCsv.Parse("id,email,name\nc1,a@x.example").Errors, e => e.Line == 2 && e.Message.Contains("Expected 3 cells", StringComparison.Ordinal));
    }
}

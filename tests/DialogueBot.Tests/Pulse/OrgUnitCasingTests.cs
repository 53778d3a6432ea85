using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DialogueBot.Org;
using DialogueBot.Pulse.Aggregates;
using DialogueBot.Pulse.Responses;
using DialogueBot.Testing;

namespace DialogueBot.Tests.Pulse;

/// <summary>
/// Issue 20: an org chart that spells one unit in several casings yields one unit — one cohort key, one
/// filter, one group for the threshold — not two groups of fewer than k people.
/// </summary>
public sealed class OrgUnitCasingTests(SharedBot host) : PulseTest(host), IClassFixture<SharedBot>
{
    private static readonly string[] Spellings = ["Engineering/Platform", "engineering/platform", "ENGINEERING/Platform"];

    private static string Chart()
    {
        var csv = new StringBuilder("id,aadObjectId,name,managerId,orgUnit,role\n");
        csv.Append(CultureInvariant($"x01,{MeganAad},Megan Bowen,,Executive Office,executive\n"));
        csv.Append(CultureInvariant($"x02,{PattiAad},Patti Fernandez,x01,People,executive;hr\n"));
        for (var i = 1; i <= 6; i++)
        {
            csv.Append(CultureInvariant($"m{i:00},d1000000-0000-4000-8000-0000000000{i:00},Manager {i},x01,{Spellings[(i - 1) % 3]},manager\n"));
        }

        return csv.ToString();
    }

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);

    [Fact]
    public void The_first_seen_spelling_wins_segment_by_segment()
    {
        var parsed = OrgChartCsv.Parse("id,email,name,managerId,orgUnit\na,a@x.example,A,,Engineering/Platform\nb,b@x.example,B,a,engineering/PLATFORM/Data\nc,c@x.example,C,a,ENGINEERING/Mobile\n");

        Assert.True(parsed.IsValid, string.Join("\n", parsed.Errors));
        Assert.Equal(["Engineering/Platform", "Engineering/Platform/Data", "Engineering/Mobile"], parsed.People.Select(p => p.OrgUnit));
    }

    [Fact]
    public async Task Mixed_casing_in_the_chart_gives_one_cohort_through_import_answers_and_results()
    {
        using (var client = Api(PattiAad))
        using (var import = await client.PostAsync("/api/org/import", new StringContent(Chart(), Encoding.UTF8, "text/csv")))
        {
            Assert.True(import.IsSuccessStatusCode, await import.Content.ReadAsStringAsync());
        }

        var org = await Bot.Service<OrgDirectory>().GetAsync(CancellationToken.None);
        var managers = org.People.Where(p => p.Roles.HasFlag(OrgRole.Manager)).ToList();
        Assert.Equal(6, managers.Count);
        Assert.All(managers, m => Assert.Equal("Engineering/Platform", m.OrgUnit));
        Assert.DoesNotContain(org.Units, u => u.StartsWith("engineering", StringComparison.Ordinal) || u.StartsWith("ENGINEERING", StringComparison.Ordinal));

        var (pulseId, runId) = await CreateOpenPulseAsync();
        for (var i = 0; i < managers.Count; i++)
        {
            Assert.Contains("Thank", Text(await AnswerAsync(managers[i], Answers(runId, rating: 1 + (i % 5), enps: 9, choice: i % 3))), StringComparison.Ordinal);
        }

        await CloseAsync(runId);

        // Six people of one unit and level: one cohort (the unit with its level), spelled one way.
        var responses = await Bot.Service<PulseResponseRepository>().ListAsync(runId, CancellationToken.None);
        Assert.Equal(6, responses.Count);
        Assert.Equal(["Engineering/Platform"], responses.Select(r => r.Unit).Distinct(StringComparer.Ordinal));
        var cohorts = (await Bot.Service<PulseAggregateRepository>().ListAsync(runId, CancellationToken.None)).Select(a => a.Cohort.Key).Distinct(StringComparer.Ordinal).ToList();
        Assert.Contains("unit:Engineering/Platform", cohorts);
        Assert.All(cohorts.Where(c => c.StartsWith("unit:", StringComparison.Ordinal)), c => Assert.Contains(c, new[] { "unit:Engineering", "unit:Engineering/Platform" }));

        var results = await ResultsAsync(pulseId, "unit:Engineering/Platform");
        Assert.Equal(6, results.GetProperty("respondents").GetInt32());
    }

    private HttpClient Api(string aadObjectId)
    {
        var client = Bot.CreateClient();
        client.DefaultRequestHeaders.Add("X-Dev-User", aadObjectId);
        return client;
    }
}

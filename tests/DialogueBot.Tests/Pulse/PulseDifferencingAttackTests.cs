using System.Net;
using System.Text;
using System.Text.Json;
using DialogueBot.Org;

namespace DialogueBot.Tests.Pulse;

/// <summary>
/// An executive reads every view the results API will give them and subtracts each from every other, units against
/// levels included, to find a group of fewer than k people. The org is the one from issue 12 (k = 5): U1 has 5 people
/// at level 3 and 5 at level 4, U2 has 6 at level 3; one U1 level-3 person answers with everyone else. Every
/// respondent writes a distinct comment, so a set difference of comments is exactly a set difference of people.
/// Driven end to end through Teams and the API only: whatever moves answers into results, closing the run must
/// leave it safe.
/// </summary>
public sealed class PulseDifferencingAttackTests : PulseTest
{
    private const int K = 5;

    private static string Aad(int n) => $"10000000-0000-4000-8000-{n:000000000000}";

    /// <summary>Megan (executive) and Patti (HR) keep their Teams ids; level 1 is Megan, level 2 the heads, then U1 and U2.</summary>
    private static string OrgCsv()
    {
        var csv = new StringBuilder("id,aadObjectId,name,managerId,orgUnit,role\n");
        csv.Append(FormattableString.Invariant($"x01,{MeganAad},Megan Bowen,,Exec,executive\n"));
        csv.Append(FormattableString.Invariant($"x02,{PattiAad},Patti Fernandez,x01,Exec,executive;hr\n"));
        csv.Append(FormattableString.Invariant($"h1,{Aad(1)},Head One,x01,Exec,\nh2,{Aad(2)},Head Two,x01,Exec,\n"));
        for (var i = 1; i <= 5; i++)
        {
            csv.Append(FormattableString.Invariant($"a{i},{Aad(10 + i)},U1 Three {i},h1,U1,\n")); // level 3
            csv.Append(FormattableString.Invariant($"b{i},{Aad(20 + i)},U1 Four {i},a1,U1,\n")); // level 4
        }

        for (var i = 1; i <= 6; i++)
        {
            csv.Append(FormattableString.Invariant($"c{i},{Aad(30 + i)},U2 Three {i},h2,U2,\n")); // level 3
        }

        return csv.ToString();
    }

    private sealed record Seen(string Filter, int Respondents, HashSet<string> Comments);

    private async Task<string> ScenarioAsync()
    {
        using (var client = Bot.CreateClient())
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/org/import") { Content = new StringContent(OrgCsv(), Encoding.UTF8, "text/csv") };
            request.Headers.Add("X-Dev-User", PattiAad);
            using var imported = await client.SendAsync(request);
            Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
        }

        var people = (await Bot.Service<OrgDirectory>().GetAsync()).People;
        Assert.Equal([3, 3, 3, 3, 3], people.Where(p => p.Id.StartsWith('a')).Select(p => p.Level));
        Assert.Equal([4, 4, 4, 4, 4], people.Where(p => p.Id.StartsWith('b')).Select(p => p.Level));

        var (pulseId, runId) = await CreateOpenPulseAsync(EngagementPulse(audience: new { units = new[] { "U1", "U2" } }));
        var respondents = people.Where(p => p.Id == "a1" || p.Id.StartsWith('b') || p.Id.StartsWith('c')).ToList();
        Assert.Equal(12, respondents.Count);
        foreach (var person in respondents)
        {
            await AnswerAsync(person, Answers(runId, person.Id == "a1" ? 1 : 4, 8, 0, "note-" + person.Id));
        }

        await CloseAsync(runId);
        return pulseId;
    }

    [Fact]
    public async Task Attack_subtract_every_permitted_view_from_every_other_units_against_levels_finds_no_group_under_k()
    {
        var pulseId = await ScenarioAsync();

        var everyone = await ResultsAsync(pulseId);
        Assert.Equal("Ready", everyone.GetProperty("status").GetString());
        Assert.Equal(12, everyone.GetProperty("respondents").GetInt32());
        var offered = everyone.GetProperty("filters").EnumerateArray().Select(f => f.GetProperty("key").GetString()!).ToList();

        // Tried: every view the org has, offered or not. What is not offered is refused and shows nothing.
        var seen = new List<Seen> { Read(everyone) };
        foreach (var filter in new[] { "unit:Exec", "unit:U1", "unit:U2", "level:1", "level:2", "level:3", "level:4", "cell:3:U1", "cell:-:" })
        {
            using var response = await GetResultsAsync(pulseId, filter);
            var body = await response.Content.ReadAsStringAsync();
            if (!offered.Contains(filter))
            {
                Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"Tried filter {filter}, not offered: got {(int)response.StatusCode}");
                Assert.DoesNotContain("note-", body, StringComparison.Ordinal);
                continue;
            }

            Assert.True(response.IsSuccessStatusCode, $"Tried filter {filter}, offered: {body}");
            seen.Add(Read(JsonDocument.Parse(body).RootElement));
        }

        Assert.DoesNotContain(offered, f => f.StartsWith("cell:", StringComparison.Ordinal));
        // The example: level:3 (7) − unit:U2 (6) would be a1 alone, comment included.
        Assert.False(offered.Contains("level:3") && offered.Contains("unit:U2"), "Both level:3 and unit:U2 are offered: " + string.Join(" ", offered));

        foreach (var a in seen)
        {
            Assert.True(a.Respondents >= K, $"Tried {a.Filter}: {a.Respondents} respondents");
            foreach (var b in seen.Where(b => b != a))
            {
                var onlyA = a.Comments.Except(b.Comments).ToList();
                var both = a.Comments.Intersect(b.Comments).Count();
                Assert.True(onlyA.Count == 0 || onlyA.Count >= K, $"Tried {a.Filter} − {b.Filter}: comments of {onlyA.Count} people are left ({string.Join(", ", onlyA)})");
                Assert.True(both == 0 || both >= K, $"Tried {a.Filter} ∩ {b.Filter}: comments of {both} people");
                if (b.Comments.IsSubsetOf(a.Comments))
                {
                    var difference = a.Respondents - b.Respondents;
                    Assert.True(difference == 0 || difference >= K, $"Tried {a.Filter} − {b.Filter}: {difference} respondents");
                }
            }
        }
    }

    /// <summary>The respondents and comments of one view; every respondent commented, so comments stand for people.</summary>
    private static Seen Read(JsonElement view)
    {
        var comments = view.GetProperty("questions").EnumerateArray().SelectMany(q => q.GetProperty("comments").EnumerateArray()).Select(c => c.GetString()!).ToHashSet(StringComparer.Ordinal);
        var respondents = view.GetProperty("respondents").GetInt32();
        // A view shown with its comments hidden would make the comment checks above vacuous: here everyone commented.
        Assert.True(comments.Count == respondents, $"{view.GetProperty("filter").GetString()}: {comments.Count} comments for {respondents} respondents");
        return new Seen(view.GetProperty("filter").GetString()!, respondents, comments);
    }
}

using System.Net;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using DialogueBot.Org;
using DialogueBot.Pulse.Responses;
using DialogueBot.Pulse.Submissions;
using DialogueBot.Testing;

namespace DialogueBot.Tests.Pulse;

/// <summary>
/// An executive (and, where said, someone with a copy of the tables) tries to find out who answered what.
/// The demo managers fall into three groups the data may name: Engineering (8), Operations (6) and the rest
/// (Finance and People, 6) — smaller units and levels are never stored. Each test says what it tried.
/// </summary>
public sealed class PulseAnonymityAttackTests(SharedBot host) : PulseTest(host), IClassFixture<SharedBot>
{
    private static readonly string[] EngineeringIds = ["p06", "p07", "p12", "p13", "p14", "p15", "p16", "p17"];
    private static readonly string[] OperationsIds = ["p08", "p09", "p18", "p19", "p20"]; // 5 of 6
    private static readonly string[] FinanceAndPeopleIds = ["p10", "p25"]; // only 2 of the rest answer

    private static OrgPerson Person(string id) => DemoUsers.All.Single(p => p.Id == id);

    /// <summary>15 answers: 8 Engineering (rating 4), 5 Operations (rating 3), and 2 from Finance/People who give 1 and write a giveaway comment.</summary>
    private async Task<(string PulseId, string RunId, DateTimeOffset LastAnswerAt)> ScenarioAsync(bool close = true)
    {
        var (pulseId, runId) = await CreateOpenPulseAsync();
        foreach (var id in EngineeringIds)
        {
            await AnswerAsync(Person(id), Answers(runId, 4, 8, 0, "engineering view"));
        }

        foreach (var id in OperationsIds)
        {
            await AnswerAsync(Person(id), Answers(runId, 3, 7, 1, "operations view"));
        }

        foreach (var id in FinanceAndPeopleIds)
        {
            await AnswerAsync(Person(id), Answers(runId, 1, 0, 2, "secret from finance"));
        }

        var last = DateTimeOffset.UtcNow;
        if (close)
        {
            await CloseAsync(runId);
        }

        return (pulseId, runId, last);
    }

    [Fact]
    public async Task Attack_filter_down_to_a_small_unit_or_a_level_is_refused()
    {
        var (pulseId, _, _) = await ScenarioAsync();

        foreach (var filter in new[] { "unit:Engineering/Platform", "unit:Finance", "unit:Finance/Planning", "unit:People", "level:4", "level:3", "unit:Nowhere" })
        {
            using var response = await GetResultsAsync(pulseId, filter);
            Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"Tried filter {filter}: got {(int)response.StatusCode}");
            Assert.DoesNotContain("secret from finance", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var card = await Bot.InvokeCardAsync(DemoUsers.Megan(Connector.ServiceUrl).Execute("pulse.results", new { pulseId, filter = "unit:Finance" }));
        Assert.Contains("Filter not available", Text(card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attack_subtract_two_filtered_views_from_everyone_to_isolate_the_two_finance_answers_is_refused()
    {
        var (pulseId, _, _) = await ScenarioAsync();

        var everyone = await ResultsAsync(pulseId);
        var engineering = await ResultsAsync(pulseId, "unit:Engineering");
        using var operations = await GetResultsAsync(pulseId, "unit:Operations");

        // Everyone (15) − Engineering (8) = 7 people: safe. Everyone − Engineering − Operations would be the 2
        // Finance/People answers, so the Operations view (the smaller sibling) is withheld (complementary suppression).
        Assert.Equal(15, everyone.GetProperty("respondents").GetInt32());
        Assert.Equal(8, engineering.GetProperty("respondents").GetInt32());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, operations.StatusCode);
        var offered = everyone.GetProperty("filters").EnumerateArray().Select(f => f.GetProperty("key").GetString()).ToList();
        Assert.Equal(["unit:Engineering"], offered);
        Assert.True(everyone.GetProperty("respondents").GetInt32() - engineering.GetProperty("respondents").GetInt32() >= 5);
    }

    [Fact]
    public async Task Attack_compare_views_while_the_pulse_is_open_to_see_who_just_answered_shows_no_figures()
    {
        var (pulseId, runId, _) = await ScenarioAsync(close: false);

        var before = await ResultsAsync(pulseId);
        await AnswerAsync(Person("p21"), Answers(runId, 5, 10, 0));
        var after = await ResultsAsync(pulseId);

        Assert.Equal("NotClosed", before.GetProperty("status").GetString());
        Assert.Equal("NotClosed", after.GetProperty("status").GetString());
        Assert.Empty(after.GetProperty("questions").EnumerateArray());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, after.GetProperty("respondents").ValueKind);
    }

    [Fact]
    public async Task Attack_read_the_responses_table_row_order_timestamps_and_cohorts_to_link_answers_to_answer_times()
    {
        var (_, runId, lastAnswerAt) = await ScenarioAsync();
        var rows = new List<TableEntity>();
        await foreach (var row in Bot.Service<PulseResponseRepository>().Table.QueryAsync<TableEntity>(e => e.PartitionKey == runId))
        {
            rows.Add(row);
        }

        Assert.Equal(15, rows.Count);
        // Every row was written after the last answer, in a shuffled batch at close: a timestamp says "flushed", never "answered".
        Assert.All(rows, r => Assert.True(r.Timestamp >= lastAnswerAt.AddSeconds(-1), $"Tried the timestamp of {r.RowKey}: {r.Timestamp:O} is before the last answer"));
        // Nothing else to go on: the day only, and a cohort never smaller than 5 people of the audience.
        Assert.All(rows, r => Assert.Subset(new HashSet<string> { "Answers", "Day", "Level", "Unit" }, r.Keys.Where(k => k is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")).ToHashSet()));
        Assert.All(rows, r => Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", r.GetString("Day")));
        Assert.All(rows, r => Assert.Contains(r.GetString("Unit"), new[] { "Engineering", "Operations", "" }));
        Assert.All(rows, r => Assert.Null(r.GetInt32("Level")));
        // Row keys are keyed derivations of random ids: nothing in them sorts by answer order or names anyone.
        var keyedOrder = rows.OrderBy(r => r.RowKey, StringComparer.Ordinal).Select(r => r.RowKey).ToList();
        Assert.All(keyedOrder, k => Assert.Equal(43, k.Length));
    }

    [Fact]
    public async Task Attack_use_the_participation_table_to_list_who_answered()
    {
        var (pulseId, runId, _) = await ScenarioAsync(close: false);
        var participation = new List<TableEntity>();
        await foreach (var row in Bot.Service<PulseSubmissionRepository>().Table.QueryAsync<TableEntity>(e => e.PartitionKey == runId))
        {
            participation.Add(row);
        }

        var keys = participation.Where(p => p.RowKey.StartsWith(PulseSubmissionEntity.ParticipationPrefix, StringComparison.Ordinal)).Select(p => p.RowKey[2..]).ToHashSet();
        Assert.Equal(15, keys.Count);

        // Tried while the run is open: the plain ids, unkeyed SHA-256 of ids and of "run\nid", an HMAC under a
        // guessed key, and — as an operator holding the master secret — every keyed hash the app can make with it.
        // None match: the marks are keyed with the run's own key, which is not derived from the master secret.
        var hasher = Bot.Service<DialogueBot.Infrastructure.Anonymity.IdentityHasher>();
        foreach (var person in DemoUsers.All)
        {
            var aad = person.AadObjectId!;
            var guesses = new List<string>
            {
                aad, person.Id, person.Email!,
                B64(SHA256.HashData(Encoding.UTF8.GetBytes(aad))),
                B64(SHA256.HashData(Encoding.UTF8.GetBytes(runId + "\n" + aad))),
                B64(HMACSHA256.HashData(Encoding.UTF8.GetBytes("dialoguebot"), Encoding.UTF8.GetBytes(runId + "\n" + aad))),
                B64(HMACSHA256.HashData(Convert.FromBase64String(BotAppFactory.TestHmacKey), Encoding.UTF8.GetBytes(runId + "\n" + aad))),
            };
            foreach (var purpose in Enum.GetValues<DialogueBot.Infrastructure.Anonymity.HashPurpose>())
            {
                guesses.Add(hasher.Hash(purpose, runId, aad));
                guesses.Add(hasher.Hash(purpose, runId, person.Id));
            }

            Assert.DoesNotContain(guesses, keys.Contains);
        }

        // Tried after the close: the participation marks, the pending answers and the run's key are all gone.
        await CloseAsync(runId);
        var left = new List<TableEntity>();
        await foreach (var row in Bot.Service<PulseSubmissionRepository>().Table.QueryAsync<TableEntity>(e => e.PartitionKey == runId))
        {
            left.Add(row);
        }

        Assert.Empty(left);

        // Tried: the API. Nothing lists participants or their pseudonyms.
        using var client = Bot.CreateClient();
        client.DefaultRequestHeaders.Add("X-Dev-User", MeganAad);
        var pulse = await client.GetStringAsync($"/api/pulses/{pulseId}");
        Assert.DoesNotContain(keys, pulse.Contains);
        Assert.DoesNotContain(DemoUsers.All, p => pulse.Contains(p.AadObjectId!, StringComparison.OrdinalIgnoreCase) || pulse.Contains(p.Name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Attack_a_manager_asks_for_results_in_Teams_and_through_the_API()
    {
        var (pulseId, _, _) = await ScenarioAsync();

        using var api = await GetResultsAsync(pulseId, asUser: AdeleAad);
        var card = await Bot.InvokeCardAsync(DemoUsers.ById("p13", Connector.ServiceUrl).Execute("pulse.results", new { pulseId }));

        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Contains("Not available to you", Text(card), StringComparison.Ordinal);
    }

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

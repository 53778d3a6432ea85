using System.Net;
using Azure.Data.Tables;
using DialogueBot.Infrastructure.Storage;
using DialogueBot.Recognition.Nominations;

namespace DialogueBot.Tests.Recognition;

/// <summary>HR's "erase this person" reaches the named nominations too.</summary>
public sealed class RecognitionErasureTests : RecognitionBotTest
{
    [Fact]
    public async Task Erasing_a_person_deletes_the_nominations_about_them_and_replaces_them_as_nominator()
    {
        await NominateAsync("p13", "p14"); // about Pradeep
        await NominateAsync("p14", "p06"); // by Pradeep
        await ReviewAsync("p05", (await OnlyNominationAsync("p06")).Id, "approve");

        using var hr = ClientAs("p05");
        using var erased = await hr.PostAsync("/api/org/people/p14/erase", null);
        var body = await erased.Content.ReadAsStringAsync();
        Assert.True(erased.StatusCode == HttpStatusCode.OK, body);
        var nominations = (await JsonAsync(erased)).GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("table").GetString() == "Nominations");
        Assert.Equal(4, nominations.GetProperty("rows").GetInt32()); // one deleted with its slot, one rewritten, the other's slot deleted

        var table = Bot.Service<AppStorage>().Table(NominationRepository.TableName);
        var traces = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            var text = string.Join("\n", row.Select(p => $"{p.Key}={p.Value}").Append(row.PartitionKey).Append(row.RowKey));
            if (text.Split('\n', '|', '=').Contains("p14", StringComparer.OrdinalIgnoreCase))
            {
                traces.Add($"{row.PartitionKey}/{row.RowKey}");
            }
        }

        Assert.Empty(traces);
        var left = Assert.Single(await Bot.Service<NominationRepository>().ListAsync(CancellationToken.None));
        Assert.Equal("p06", left.NomineeId);
        Assert.StartsWith("former-", left.NominatorId, StringComparison.Ordinal);

        using var overview = await hr.GetAsync("/api/recognition/overview");
        var overlooked = (await JsonAsync(overview)).GetProperty("neverRecognised").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToList();
        Assert.DoesNotContain("p06", overlooked); // still recognised: a former colleague's nomination counts
    }
}

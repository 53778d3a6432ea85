using Azure.Data.Tables;
using DialogueBot.Infrastructure.Storage;
using DialogueBot.Testing;

namespace DialogueBot.Tests.Pulse;

/// <summary>
/// After a full pulse (delivery, answers with free text, a reminder, flush, close, results read), EVERY table of
/// this test's storage prefix is read and no row anywhere — keys, timestamps aside, every property — holds a demo
/// person's AAD object id, name, email or conversation id, except the two tables that must: OrgPeople and
/// ConversationReferences.
/// </summary>
public sealed class PulseStorageScanTests : PulseTest
{
    private static readonly string[] AllowedToHoldIdentities = ["OrgPeople", "ConversationReferences"];

    [Fact]
    public async Task No_table_row_outside_the_org_chart_and_conversation_references_holds_an_identity()
    {
        await InstallAsync(DemoUsers.All);
        var (pulseId, runId) = await CreateOpenPulseAsync();
        await Connector.WaitUntilAsync(c => c.Activities.Count(IsPulseCard) >= Managers.Count, TimeSpan.FromSeconds(30));
        foreach (var person in Managers.Take(12))
        {
            await AnswerAsync(person, Answers(runId, 3, 7, 1, "We need clearer priorities"));
        }

        await Bot.Service<DialogueBot.Infrastructure.Work.WorkQueue>().EnqueueAsync(DialogueBot.Pulse.Lifecycle.PulseWorkKinds.Remind, runId + ".remind", new DialogueBot.Pulse.Lifecycle.RunPayload(runId));
        await Connector.WaitUntilAsync(c => c.Activities.Count(IsPulseCard) >= Managers.Count + 8, TimeSpan.FromSeconds(30));
        await CloseAsync(runId);
        Assert.Equal("Ready", (await ResultsAsync(pulseId)).GetProperty("status").GetString());

        var needles = DemoUsers.All.SelectMany(p => new[]
        {
            p.AadObjectId!, p.Name, p.Email!, DemoUsers.Of(p, Connector.ServiceUrl).ConversationId, DemoUsers.Of(p, Connector.ServiceUrl).UserId,
        }).Select(n => n.ToLowerInvariant()).ToList();

        var storage = Bot.Service<AppStorage>();
        var scanned = new List<string>();
        var violations = new List<string>();
        await foreach (var table in storage.TableService.QueryAsync(t => t.Name.CompareTo(Bot.Prefix) >= 0 && t.Name.CompareTo(Bot.Prefix + "~") < 0))
        {
            var logical = table.Name[Bot.Prefix.Length..];
            scanned.Add(logical);
            if (AllowedToHoldIdentities.Contains(logical))
            {
                continue;
            }

            await foreach (var row in storage.TableService.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                var text = string.Join("\n", row.Select(p => $"{p.Key}={p.Value}").Append(row.PartitionKey).Append(row.RowKey)).ToLowerInvariant();
                violations.AddRange(needles.Where(n => text.Contains(n, StringComparison.Ordinal)).Select(n => $"{logical} {row.PartitionKey}/{row.RowKey} holds '{n}'"));
            }
        }

        Assert.Contains("PulseSubmissions", scanned);
        Assert.Contains("PulseResponses", scanned);
        Assert.Contains("PulseAggregates", scanned);
        Assert.Contains("PulseDeliveries", scanned);
        Assert.Contains("WorkLedger", scanned);
        Assert.True(scanned.Count >= 11, "Tables scanned: " + string.Join(", ", scanned));
        Assert.Empty(violations);
    }
}

using System.Text.Json;
using DialogueBot.Infrastructure.Storage;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Org;
using DialogueBot.Testing;
using DialogueBot.Tests.Pulse;

namespace DialogueBot.Tests.Loop;

/// <summary>Base for Loop tests: a pulse answered by ten managers, some of whom opt in to anonymous replies, then published.</summary>
public abstract class LoopTest : PulseTest
{
    protected static OrgPerson Person(string id) => DemoUsers.All.Single(p => p.Id == id);

    protected static readonly string[] Respondents = ["p06", "p07", "p12", "p13", "p14", "p15", "p08", "p09", "p18", "p10"];

    /// <summary>The comment each respondent writes: numbered, so it names nobody in storage.</summary>
    protected static string CommentOf(string personId) => $"comment number {Array.IndexOf(Respondents, personId) + 1}";

    /// <summary>Creates, answers (the given people tick "leaders may reply to me anonymously"; each writes <see cref="CommentOf"/>) and publishes a pulse.</summary>
    protected async Task<(string PulseId, string RunId)> PublishedPulseAsync(params string[] optedIn)
    {
        await InstallAsync(Managers.Concat([Person("p01"), Person("p05")]));
        var (pulseId, runId) = await CreateOpenPulseAsync();
        foreach (var id in Respondents)
        {
            var data = Answers(runId, 4, 8, 1, CommentOf(id));
            if (optedIn.Contains(id))
            {
                data["replyOk"] = "true";
            }

            await AnswerAsync(Person(id), data);
        }

        await CloseAsync(runId);
        return (pulseId, runId);
    }

    /// <summary>The comment thread under each comment of the results (API, everyone view): comment → thread id or null.</summary>
    protected async Task<Dictionary<string, string?>> ThreadsByCommentAsync(string pulseId)
    {
        var results = await ResultsAsync(pulseId);
        var question = results.GetProperty("questions").EnumerateArray().Single(q => q.GetProperty("id").GetString() == "q4");
        var comments = question.GetProperty("comments").EnumerateArray().Select(c => c.GetString()!).ToList();
        var threads = question.GetProperty("commentThreads").EnumerateArray().Select(t => t.ValueKind == JsonValueKind.Null ? null : t.GetString()).ToList();
        Assert.Equal(comments.Count, threads.Count);
        return comments.Zip(threads).ToDictionary(p => p.First, p => p.Second);
    }

    protected Task<JsonElement> PressAsync(string personId, string verb, object data) =>
        Bot.InvokeCardAsync(DemoUsers.Of(Person(personId), Connector.ServiceUrl).Execute(verb, data));

    protected IReadOnlyList<ReceivedActivity> CardsTo(string personId, string fallbackStart) =>
        Connector.ActivitiesIn(DemoUsers.Of(Person(personId), Connector.ServiceUrl).ConversationId)
            .Where(a => a.Kind == ActivityKinds.Send && a.Card.ValueKind == JsonValueKind.Object && a.Card.TryGetProperty("fallbackText", out var f) && f.GetString()!.StartsWith(fallbackStart, StringComparison.Ordinal))
            .ToList();

    /// <summary>Waits until every work item of the kind is done (so a duplicate would have arrived by now).</summary>
    protected async Task SettleAsync(string kind, int atLeast)
    {
        var storage = Bot.Service<AppStorage>();
        await WaitUntilAsync(async () =>
        {
            var rows = (await StorageAdversary.SnapshotAsync(storage)).Where(r => r.Table == WorkLedger.TableName && r.Entity.PartitionKey == kind).ToList();
            return rows.Count >= atLeast && rows.All(r => r.Entity.GetString("State") == "done");
        }, seconds: 30);
    }
}

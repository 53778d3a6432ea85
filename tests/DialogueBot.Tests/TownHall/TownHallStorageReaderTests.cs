using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using DialogueBot.Conversations;
using DialogueBot.Infrastructure.Anonymity;
using DialogueBot.Infrastructure.Anonymity.ScopeKeys;
using DialogueBot.Infrastructure.Storage;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Org;
using DialogueBot.Testing;
using DialogueBot.TownHall;
using DialogueBot.TownHall.QuestionFollowers;
using DialogueBot.TownHall.QuestionVotes;
using DialogueBot.TownHall.TownHalls;
using Microsoft.Extensions.Options;

namespace DialogueBot.Tests.TownHall;

/// <summary>
/// What someone who reads the storage learns about a town hall: a reader without keys, and an operator with
/// the master secret once the hall is finished. Runs a whole hall through the real pipeline, then reads every
/// table row (with its Timestamp), every queue message and the poison table, and tries the joins.
/// </summary>
public sealed class TownHallStorageReaderTests : TownHallTest
{
    protected override BotAppOptions Configure(BotAppOptions options) =>
        base.Configure(options) with { Settings = new Dictionary<string, string?> { ["TownHall:FollowUpPeriod"] = "00:00:00" } };

    [Fact]
    public async Task A_storage_reader_and_an_operator_with_the_master_secret_cannot_tie_anyone_to_a_question()
    {
        var townHallId = await CreateTownHallAsync(preModeration: true);
        var adele = User("p13");                       // asks anonymously and follows
        var upvoters = new[] { User("p06"), User("p07") };
        var megan = User("p01");                       // the host
        foreach (var user in upvoters.Append(adele))
        {
            await Bot.SendAsync(user.Install());
        }

        var receipt = await AskAsync(adele, townHallId, "Is there budget for conference travel next year?", anonymous: true, follow: true);
        var travel = await QuestionAsync(townHallId, "Is there budget for conference travel next year?");
        await Bot.InvokeCardAsync(megan.Execute("townhall.moderate", new { townHallId, questionId = travel.Id, action = "approve" }));
        foreach (var user in upvoters)
        {
            await VoteAsync(user, townHallId, travel.Id);
        }

        Assert.Equal(2, (await QuestionAsync(townHallId, travel.Text)).Votes);
        var people = (await Bot.Service<OrgDirectory>().GetAsync(CancellationToken.None)).People;
        var hall = (await Bot.Service<TownHallRepository>().FindAsync(townHallId, CancellationToken.None))!;

        // While the hall is live: a snapshot of everything, checked the same way as after it is finished.
        await AssertNothingNamesAnyoneAsync(hall, people, [travel.Id], live: true);

        using var host = Api("00000000-0000-0000-0000-0000000000021");
        (await host.PostAsJsonAsync($"/api/townhalls/{townHallId}/questions/{travel.Id}/moderation", new { action = "answer", text = "Yes, within team budgets." })).EnsureSuccessStatusCode();
        foreach (var user in upvoters.Append(adele))
        {
            await Connector.WaitForAsync(a => a.ConversationId == user.ConversationId && a.CardText.Contains("Yes, within team budgets.", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        }

        // The summary queues the finish (TownHall:FollowUpPeriod is zero here): key destroyed, rows deleted.
        using (var summary = await host.PostAsync($"/api/townhalls/{townHallId}/summary", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, summary.StatusCode);
        }

        await WaitUntilAsync(async () => (await Bot.Service<TownHallRepository>().FindAsync(townHallId, CancellationToken.None))!.Finished);
        Assert.Null(await Bot.Service<IScopeKeyStore>().FindAsync(townHallId, CancellationToken.None));
        await Assert.ThrowsAsync<ScopeKeyDestroyedException>(() => Bot.Service<IScopeKeyStore>().GetOrCreateAsync(townHallId, CancellationToken.None));
        Assert.Empty(await Bot.Service<QuestionFollowerRepository>().ListHallAsync(townHallId, CancellationToken.None));
        Assert.Empty(await Bot.Service<AppStorage>().Table(QuestionVoteRepository.TableName).ListPartitionAsync<TableEntity>(townHallId));
        Assert.Equal(2, (await QuestionAsync(townHallId, travel.Text)).Votes); // the count stays on the question
        await AssertNothingNamesAnyoneAsync(hall, people, [travel.Id], live: false);

        // After the finish nothing is written per person: a vote is refused and leaves no row.
        Assert.Contains("Votes are closed", TextOf(await VoteAsync(User("p16"), townHallId, travel.Id)), StringComparison.Ordinal);
        Assert.Empty(await Bot.Service<AppStorage>().Table(QuestionVoteRepository.TableName).ListPartitionAsync<TableEntity>(townHallId));
        Assert.NotEmpty(TokenOf(receipt));
    }

    /// <summary>
    /// Every row of every table of the app (outside the org chart and the conversation references) and every
    /// queue message: no person identifier; with the master secret, no keyed value the app can compute from a
    /// person matches anything stored; follower and vote rows hold nothing readable.
    /// </summary>
    private async Task AssertNothingNamesAnyoneAsync(TownHallEntity hall, IReadOnlyList<OrgPerson> people, string[] questionIds, bool live)
    {
        var storage = Bot.Service<AppStorage>();
        var prefix = storage.PhysicalTableName("");
        var dump = new List<(string Table, TableEntity Row, string Text)>();
        await foreach (var table in storage.TableService.QueryAsync(t => t.Name.CompareTo(prefix) >= 0 && t.Name.CompareTo(prefix + "~") < 0))
        {
            var name = table.Name[prefix.Length..];
            if (name is OrgChartRepository.TableName or ConversationReferenceRepository.TableName)
            {
                continue;
            }

            await foreach (var row in storage.TableService.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                dump.Add((name, row, Flatten(row, name)));
            }
        }

        Assert.Contains(dump, d => d.Table == QuestionFollowerRepository.TableName || !live);
        Assert.Contains(dump, d => d.Table == TableScopeKeyStore.TableName);
        Assert.Contains(dump, d => d.Table == WorkLedger.TableName || live); // no work has run before the answer
        Assert.Contains(dump, d => d.Table == DialogueBot.TownHall.Questions.QuestionRepository.TableName);
        Assert.Contains(dump, d => d.Table == QuestionVoteRepository.TableName || !live);

        // The queue, visible and invisible: peek, then receive with a one-second visibility (they come back).
        var messages = new List<string>();
        var queue = storage.Queue(WorkQueue.QueueName);
        messages.AddRange((await queue.PeekMessagesAsync(32)).Value.Select(m => m.Body.ToString()));
        messages.AddRange((await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(1))).Value.Select(m => m.Body.ToString()));

        // 1. No identifier of any person (org-chart id as a whole word, AAD id, 29: id, conversation id, name, email).
        foreach (var person in people)
        {
            var aad = person.AadObjectId ?? "";
            var words = new[] { aad, "29:" + aad, aad.Replace("-", "", StringComparison.Ordinal), person.Name, person.Email ?? "" }.Where(w => w.Length > 3).ToList();
            var id = new Regex($"(?<![A-Za-z0-9]){Regex.Escape(person.Id)}(?![A-Za-z0-9])", RegexOptions.IgnoreCase);
            foreach (var (table, row, text) in dump)
            {
                Assert.False(id.IsMatch(text), $"{table} {row.PartitionKey}/{row.RowKey} holds org id {person.Id}:\n{text}");
                Assert.DoesNotContain(words, w => text.Contains(w, StringComparison.OrdinalIgnoreCase));
            }

            foreach (var message in messages)
            {
                Assert.False(id.IsMatch(message), $"A queue message holds {person.Id}: {message}");
                Assert.DoesNotContain(words, w => message.Contains(w, StringComparison.OrdinalIgnoreCase));
            }
        }

        // 2. Follower and vote rows: key and one sealed column only; the master secret does not open the seal.
        var hasher = new IdentityHasher(Options.Create(new AnonymityOptions { HmacKey = BotAppFactory.TestHmacKey }));
        foreach (var (table, row, text) in dump.Where(d => d.Table is QuestionFollowerRepository.TableName or QuestionVoteRepository.TableName))
        {
            var columns = row.Keys.Except(["PartitionKey", "RowKey", "Timestamp", "odata.etag"]).ToList();
            Assert.Equal(table == QuestionFollowerRepository.TableName ? ["Recipient"] : [], columns);
            if (table == QuestionFollowerRepository.TableName)
            {
                var sealedText = row.GetString("Recipient");
                foreach (var purpose in Enum.GetValues<HashPurpose>())
                {
                    Assert.Null(Sealing.Open(hasher.KeyFor(purpose), sealedText, hall.Id + "\n" + row.RowKey));
                }
            }
        }

        // 3. With the master secret: every keyed hash the app can make of a person (every purpose, every scope of
        // this hall, every id form), and the work-ledger keys of every per-person town-hall work key the app has
        // ever used, are absent from every stored value and every queue message.
        var seal = new WorkSeal(hasher);
        var scopes = new List<string> { hall.Id };
        scopes.AddRange(questionIds.SelectMany(q => new[] { q, hall.Id + ":" + q, hall.Id + "." + q }));
        var candidates = new List<string>();
        foreach (var person in people)
        {
            var ids = new[] { person.Id, person.AadObjectId, "29:" + person.AadObjectId }.OfType<string>().ToList();
            candidates.AddRange(from purpose in Enum.GetValues<HashPurpose>() from scope in scopes from id in ids select hasher.Hash(purpose, scope, id));
            foreach (var what in new[] { "announce", "summary" })
            {
                candidates.Add(seal.LedgerKey(TownHallWorkKinds.Deliver, $"{hall.Id}.{what}.{person.Id}"));
            }

            foreach (var q in questionIds)
            {
                candidates.Add(seal.LedgerKey(TownHallWorkKinds.Deliver, $"{hall.Id}.{q}.answered.{person.Id}"));
                candidates.Add(seal.LedgerKey(TownHallWorkKinds.Answered, $"{hall.Id}.{q}.answered.{person.Id}"));
                candidates.Add(seal.LedgerKey(TownHallWorkKinds.Follow, hasher.Derive(HashPurpose.WorkKey, $"follow:{hall.Id}:{q}:{person.Id}")));
            }
        }

        var everything = string.Join("\n", dump.Select(d => d.Text).Concat(messages));
        Assert.DoesNotContain(candidates, c => everything.Contains(c, StringComparison.Ordinal));

        // 4. The master secret opens the queue and poison payloads: no answer card names its recipient there.
        foreach (var item in messages.Select(seal.Open).OfType<WorkItem>().Where(i => i.Kind is TownHallWorkKinds.Answered or TownHallWorkKinds.FanOut or TownHallWorkKinds.Finish))
        {
            Assert.DoesNotContain(people, p => Regex.IsMatch(item.Key + item.Payload.GetRawText(), $"(?<![A-Za-z0-9]){Regex.Escape(p.Id)}(?![A-Za-z0-9])"));
        }
    }

    /// <summary>A row as text, Timestamp included. The town hall row names its hosts and creator on purpose (they are the executives answering): those two columns are left out.</summary>
    private static string Flatten(TableEntity row, string table)
    {
        var builder = new StringBuilder().Append("Timestamp=").Append(row.Timestamp?.ToString("O")).Append('\n');
        foreach (var (key, value) in row)
        {
            if (table == TownHallRepository.TableName && key is nameof(TownHallEntity.HostIds) or nameof(TownHallEntity.CreatedBy))
            {
                continue;
            }

            builder.Append(key).Append('=').Append(value).Append('\n');
        }

        return builder.ToString();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not come true in time.");
            await Task.Delay(100);
        }
    }
}

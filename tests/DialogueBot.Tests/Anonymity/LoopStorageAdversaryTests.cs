using System.Text.Json;
using DialogueBot.Conversations;
using DialogueBot.Infrastructure.Anonymity.ScopeKeys;
using DialogueBot.Infrastructure.Storage;
using DialogueBot.Loop;
using DialogueBot.Loop.Threads;
using DialogueBot.Org;
using DialogueBot.Pulse.Responses;
using DialogueBot.Testing;
using DialogueBot.Tests.Loop;
using Microsoft.Extensions.DependencyInjection;

namespace DialogueBot.Tests.Anonymity;

/// <summary>
/// The storage adversaries of docs/anonymity.md against comment threads: two authors opt in, a leader replies,
/// one author answers anonymously and then with their name, the relay runs both ways. The reader holds every
/// request the storage service saw and every row with its Timestamp. Each assertion says what was tried.
/// </summary>
public sealed class LoopStorageAdversaryTests : LoopTest
{
    private readonly StorageAdversary _adversary = new();

    protected override BotAppOptions Configure(BotAppOptions options) =>
        base.Configure(options) with { ConfigureServices = services => services.AddSingleton(_adversary.Policy) };

    [Fact]
    public async Task A_storage_reader_without_keys_learns_nothing_from_a_thread_and_an_operator_with_them_only_what_the_threat_model_says()
    {
        var storage = Bot.Service<AppStorage>();
        var author = Person("p06");
        var closeStartedAt = DateTimeOffset.UtcNow;
        var (pulseId, runId) = await PublishedPulseAsync(optedIn: ["p06", "p13"]);
        var thread = (await ThreadsByCommentAsync(pulseId))[CommentOf("p06")]!;
        var afterClose = _adversary.Requests.Count;

        await PressAsync("p01", "loop.reply", new { scope = runId, threadId = thread, messageId = "m1", text = "What would help?" });
        await Connector.WaitUntilAsync(_ => CardsTo("p06", "Megan Bowen replied").Count == 1);
        await PressAsync("p06", "loop.answer", new { scope = runId, threadId = thread, messageId = "a1", text = "Fewer priorities", reveal = "false" });
        await PressAsync("p01", "loop.reply", new { scope = runId, threadId = thread, messageId = "m2", text = "Can we talk?" });
        await Connector.WaitUntilAsync(_ => CardsTo("p06", "Megan Bowen replied").Count == 2);
        await PressAsync("p06", "loop.answer", new { scope = runId, threadId = thread, messageId = "a2", text = "Yes", reveal = "true" });
        await SettleAsync(LoopWorkKinds.Relay, 4);
        var rows = await StorageAdversary.SnapshotAsync(storage);
        var threadRequests = _adversary.Requests.Skip(afterClose).ToList();

        // 1. Tried: every row, and every request URL and body (rows, queue messages, ledger, poison), for any
        //    person's org id, AAD id, Teams id, name or email — the revealed author's and the leader's too.
        bool IsIdentityTable(string table) => table is OrgChartRepository.TableName or ConversationReferenceRepository.TableName;
        var identityTables = new[] { storage.PhysicalTableName(OrgChartRepository.TableName), storage.PhysicalTableName(ConversationReferenceRepository.TableName) };
        foreach (var person in DemoUsers.All)
        {
            foreach (var identifier in StorageAdversary.IdentifiersOf(person))
            {
                var rowLeak = rows.FirstOrDefault(r => !IsIdentityTable(r.Table) && StorageAdversary.Names(r.Text, identifier));
                Assert.True(rowLeak is null, $"Tried rows for '{identifier}': {rowLeak?.Table} {rowLeak?.Text}");
                var requestLeak = _adversary.Requests.FirstOrDefault(r => !identityTables.Any(r.Targets) && (StorageAdversary.Names(r.Uri, identifier) || StorageAdversary.Names(r.Body, identifier)));
                Assert.True(requestLeak is null, $"Tried the storage log for '{identifier}': {requestLeak?.Method} {requestLeak?.Uri}");
            }
        }

        // 2. Tried: the storage log of the relay, for whose chat was looked up around a thread message. The
        //    author's never was: their chat address travels sealed in the thread (the leader's was: named).
        var referencesTable = storage.PhysicalTableName(ConversationReferenceRepository.TableName);
        Assert.DoesNotContain(threadRequests, r => r.Targets(referencesTable) && r.Uri.Contains(author.AadObjectId!, StringComparison.OrdinalIgnoreCase));

        // 3. Tried: dating an answer by its thread. Every thread row was first written by the publication, with
        //    the responses; nothing thread-shaped was written while the pulse was open.
        var threadsTable = storage.PhysicalTableName(CommentThreadRepository.ThreadsTable);
        Assert.DoesNotContain(_adversary.Requests.Where(r => r.At < closeStartedAt), r => r.Targets(threadsTable));
        var responseWrites = _adversary.Requests.Where(r => r.Targets(storage.PhysicalTableName(PulseResponseRepository.TableName)) && r.Method != "GET").Select(r => r.At).ToList();
        var firstThreadWrite = _adversary.Requests.Where(r => r.Targets(threadsTable) && r.Method != "GET").Min(r => r.At);
        Assert.True(firstThreadWrite >= responseWrites.Min(), "Tried thread timestamps: a thread row was written before the responses");

        // 4. Tried: reading a thread. Its row holds the response it answers, counts, states and times of leaders'
        //    actions; the author and the last leader only sealed. Messages hold one sealed value each.
        var threadRows = rows.Where(r => r.Table == CommentThreadRepository.ThreadsTable && r.Entity.PartitionKey == runId).ToList();
        Assert.Equal(2, threadRows.Count);
        var mine = threadRows.Single(r => r.Entity.RowKey == thread);
        Assert.DoesNotContain("Fewer priorities", string.Join('\n', rows.Select(r => r.Text)), StringComparison.Ordinal);
        Assert.DoesNotContain("What would help?", string.Join('\n', rows.Select(r => r.Text)), StringComparison.Ordinal);
        var messages = rows.Where(r => r.Table == CommentThreadRepository.MessagesTable && r.Entity.PartitionKey == thread).ToList();
        Assert.Equal(4, messages.Count);
        Assert.All(messages, m => Assert.Equal(["Sealed"], m.Entity.Keys.Where(k => k is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")).ToList()));

        // 5. The operator with the master secret, while the thread is open: unwraps the author key and opens the
        //    author's chat address — the limit the threat model states. Resolved, the address is deleted and the
        //    author key destroyed, so not even a copy of the tables taken before opens it (its sealed value is
        //    kept here from the snapshot above and tried).
        var keyStore = Bot.Service<IScopeKeyStore>();
        var authorKey = await keyStore.FindAsync(ThreadService.AuthorScope(thread), CancellationToken.None);
        var entity = (await Bot.Service<CommentThreadRepository>().FindAsync(runId, thread, CancellationToken.None))!;
        Assert.Equal(author.AadObjectId, CommentThreadRepository.OpenAuthor(authorKey!, entity)?.AadObjectId);
        await PressAsync("p01", "loop.resolve", new { scope = runId, threadId = thread });
        var after = await StorageAdversary.SnapshotAsync(storage);
        Assert.Null(after.Single(r => r.Table == CommentThreadRepository.ThreadsTable && r.Entity.RowKey == thread).Entity.GetString("Author"));
        Assert.Null(await keyStore.FindAsync(ThreadService.AuthorScope(thread), CancellationToken.None));
        Assert.Null(after.Single(r => r.Table == TableScopeKeyStore.TableName && r.Entity.RowKey == ThreadService.AuthorScope(thread)).Entity.GetString("Wrapped"));
        Assert.NotNull(mine.Entity.GetString("Author")); // the old copy still holds the sealed value, which nothing can open now
    }
}

using DialogueBot.Conversations;
using DialogueBot.Infrastructure.Anonymity;
using DialogueBot.Infrastructure.Anonymity.ScopeKeys;
using DialogueBot.Infrastructure.Storage;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Org;
using DialogueBot.Pulse.Aggregates;
using DialogueBot.Pulse.Lifecycle;
using DialogueBot.Pulse.Responses;
using DialogueBot.Pulse.Submissions;
using DialogueBot.Testing;
using DialogueBot.Tests.Pulse;
using Microsoft.Extensions.DependencyInjection;

namespace DialogueBot.Tests.Anonymity;

/// <summary>
/// The storage adversaries of docs/anonymity.md play a whole pulse: cards to everyone, answers (one of them
/// the only respondent of Finance), the reminder, a late answer after it, the close. They hold every request
/// the storage service saw (what its logs keep: URLs with keys, and every row and queue message ever written)
/// and snapshots of every table row with its Timestamp while the run was open and after it closed. Each
/// assertion says what was tried.
/// </summary>
public sealed class PulseStorageAdversaryTests : PulseTest
{
    private readonly StorageAdversary _adversary = new();

    private static readonly string[] Respondents = ["p06", "p07", "p12", "p13", "p14", "p15", "p08", "p09", "p18", "p10"]; // p10: Finance's only respondent
    private const string LateRespondent = "p19";

    protected override BotAppOptions Configure(BotAppOptions options) =>
        base.Configure(options) with { ConfigureServices = services => services.AddSingleton(_adversary.Policy) };

    private static OrgPerson Person(string id) => DemoUsers.All.Single(p => p.Id == id);

    [Fact]
    public async Task A_storage_reader_without_keys_and_an_operator_with_them_learn_nothing_that_ties_a_person_to_a_pulse()
    {
        var storage = Bot.Service<AppStorage>();
        await InstallAsync(Managers);
        var (_, runId) = await CreateOpenPulseAsync();
        var audience = Managers.Where(m => m.AadObjectId is not null).ToList();
        await Connector.WaitUntilAsync(c => c.Activities.Count(IsPulseCard) >= audience.Count, TimeSpan.FromSeconds(30));
        await Task.Delay(1500); // so that a write caused by answering cannot hide behind the install and delivery writes

        var firstAnswerAt = DateTimeOffset.UtcNow;
        foreach (var id in Respondents)
        {
            // Two of them let leaders reply anonymously, so comment threads exist after the close (issue 15).
            var answers = Answers(runId, 3, 7, 1, "the only view from " + id[..1]);
            if (id is "p07" or "p10")
            {
                answers["replyOk"] = "true";
            }

            await AnswerAsync(Person(id), answers);
        }

        var remindersFrom = _adversary.Requests.Count;
        await Bot.Service<WorkQueue>().EnqueueAsync(PulseWorkKinds.Remind, runId + ".remind", new RunPayload(runId));
        var nonRespondents = audience.Count(m => !Respondents.Contains(m.Id));
        await Connector.WaitUntilAsync(c => c.Activities.Count(a => IsPulseCard(a) && a.CardText.Contains("Reminder", StringComparison.Ordinal)) >= nonRespondents, TimeSpan.FromSeconds(30));
        await WaitForLedgerAsync(storage, PulseWorkKinds.Reminder, runId, audience.Count);
        var reminderRequests = _adversary.Requests.Skip(remindersFrom).ToList();
        await AnswerAsync(Person(LateRespondent), Answers(runId, 5, 10, 0, "late, after the reminder"));

        var open = await StorageAdversary.SnapshotAsync(storage);
        var closeStartedAt = DateTimeOffset.UtcNow;
        await CloseAsync(runId);
        var closed = await StorageAdversary.SnapshotAsync(storage);
        var everything = _adversary.Requests;
        Assert.Equal(2, closed.Count(r => r.Table == DialogueBot.Loop.Threads.CommentThreadRepository.ThreadsTable && r.Entity.PartitionKey == runId));

        // 1. Tried: every table row (open and closed), every request URL and every body ever written (rows, queue
        //    messages, poison) for any person's org id, AAD id, Teams id, name or email. Only the org chart and the
        //    conversation references may name people.
        bool IsIdentityTable(string table) => table is OrgChartRepository.TableName or ConversationReferenceRepository.TableName;
        var identityTables = new[] { storage.PhysicalTableName(OrgChartRepository.TableName), storage.PhysicalTableName(ConversationReferenceRepository.TableName) };
        foreach (var person in DemoUsers.All)
        {
            foreach (var identifier in StorageAdversary.IdentifiersOf(person))
            {
                var rowLeak = open.Concat(closed).FirstOrDefault(r => !IsIdentityTable(r.Table) && StorageAdversary.Names(r.Text, identifier));
                Assert.True(rowLeak is null, $"Tried rows for '{identifier}': {rowLeak?.Table} {rowLeak?.Text}");
                var requestLeak = everything.FirstOrDefault(r => !identityTables.Any(r.Targets) && (StorageAdversary.Names(r.Uri, identifier) || StorageAdversary.Names(r.Body, identifier)));
                Assert.True(requestLeak is null, $"Tried the storage log for '{identifier}': {requestLeak?.Method} {requestLeak?.Uri} {requestLeak?.Body}");
            }
        }

        Assert.All(everything.Where(r => r.Uri.Contains("/messages", StringComparison.Ordinal) && r.Method == "POST"), r => Assert.Contains("\"sealed\"", r.Body, StringComparison.Ordinal));

        // 2. Tried: the storage log of the reminder, for whose chat was looked up. Everyone's was, respondents too.
        var referencesTable = storage.PhysicalTableName(ConversationReferenceRepository.TableName);
        var lookedUp = audience.Where(p => reminderRequests.Any(r => r.Targets(referencesTable) && r.Uri.Contains(p.AadObjectId!, StringComparison.OrdinalIgnoreCase))).Select(p => p.Id).ToList();
        Assert.Equal(audience.Select(p => p.Id).Order(), lookedUp.Order());

        // 3. Tried: the work ledger as a list of who was reminded. It holds one reminder row per audience member
        //    (not per non-respondent) while open, and none after the close; deliveries likewise.
        Assert.Equal(audience.Count, LedgerRows(open, PulseWorkKinds.Reminder, runId).Count());
        Assert.Empty(LedgerRows(closed, PulseWorkKinds.Reminder, runId));
        Assert.Empty(LedgerRows(closed, PulseWorkKinds.Deliver, runId));

        // 4. Tried: responses or totals while open, to read a batch (the late answer alone, say). There are none.
        Assert.DoesNotContain(open, r => r.Table is PulseResponseRepository.TableName or PulseAggregateRepository.TableName && r.Entity.PartitionKey == runId);
        Assert.DoesNotContain(everything.Where(r => r.At < closeStartedAt), r => r.Targets(storage.PhysicalTableName(PulseResponseRepository.TableName)) && r.Method != "GET");

        // 5. Tried: anything after the close that dates an answer or marks a participant. The run's submissions are
        //    gone; every response was written at publication, shows the day only, and nothing else.
        Assert.DoesNotContain(closed, r => r.Table == PulseSubmissionRepository.TableName && r.Entity.PartitionKey == runId);
        var responses = closed.Where(r => r.Table == PulseResponseRepository.TableName && r.Entity.PartitionKey == runId).ToList();
        Assert.Equal(Respondents.Length + 1, responses.Count);
        Assert.All(responses, r => Assert.True(r.Timestamp >= closeStartedAt.AddSeconds(-1), $"Tried response timestamps: {r.Timestamp:O} is before the close"));
        Assert.All(responses, r => Assert.Subset(new HashSet<string> { "Answers", "Day", "Level", "Unit" }, r.Entity.Keys.Where(k => k is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")).ToHashSet()));
        Assert.Single(responses.Select(r => r.Entity.GetString("Day")).Distinct());

        // 6. Tried, as an operator holding the master secret: every keyed hash the app can make with it, for every
        //    person, against every stored value after the close. Nothing matches; the run's key is gone.
        var hasher = Bot.Service<IdentityHasher>();
        var seal = Bot.Service<WorkSeal>();
        var closedText = string.Join('\n', closed.Select(r => r.Text));
        foreach (var person in DemoUsers.All)
        {
            var candidates = Enum.GetValues<HashPurpose>().SelectMany(p => new[] { hasher.Hash(p, runId, person.AadObjectId!), hasher.Hash(p, runId, person.Id) })
                .Concat([seal.LedgerKey(PulseWorkKinds.Deliver, $"{runId}.{person.Id}"), seal.LedgerKey(PulseWorkKinds.Reminder, $"{runId}.{person.Id}.reminder")]);
            Assert.DoesNotContain(candidates, c => closedText.Contains(c, StringComparison.Ordinal) && !IsDeliveryRecord(closed, c));
        }

        var keyRow = closed.Single(r => r.Table == TableScopeKeyStore.TableName && r.Entity.RowKey == runId);
        Assert.Null(keyRow.Entity.GetString("Wrapped"));

        // 7. Tried: joining timestamps — a row that names a person written while people answered. None was.
        Assert.All(open.Concat(closed).Where(r => IsIdentityTable(r.Table)), r => Assert.True(r.Timestamp < firstAnswerAt, $"Tried identity-table timestamps: {r.Table} {r.Entity.RowKey} was written at {r.Timestamp:O}, while answers came in"));
    }

    // Deliveries are the one per-person record a key holder can test: "the card reached this person" (the
    // whole audience), never whether or what they answered. They are allowed here, and named in the threat model.
    private static bool IsDeliveryRecord(List<SnapshotRow> rows, string value) =>
        rows.Any(r => r.Table == DialogueBot.Pulse.Deliveries.PulseDeliveryRepository.TableName && r.Entity.RowKey == value);

    private IEnumerable<SnapshotRow> LedgerRows(List<SnapshotRow> rows, string kind, string runId) =>
        rows.Where(r => r.Table == WorkLedger.TableName && r.Entity.PartitionKey == kind && r.Entity.RowKey.StartsWith(WorkSeal.ScopePrefix(runId), StringComparison.Ordinal));

    private async Task WaitForLedgerAsync(AppStorage storage, string kind, string runId, int count) =>
        await WaitUntilAsync(async () => LedgerRows(await StorageAdversary.SnapshotAsync(storage), kind, runId).Count(r => r.Entity.GetString("State") == "done") >= count, seconds: 30);
}

using System.Net.Http.Json;
using DialogueBot.Consultation.ConcernVotes;
using DialogueBot.Consultation.Concerns;
using DialogueBot.Consultation.Deliveries;
using DialogueBot.Consultation.Delivery;
using DialogueBot.Consultation.Ratings;
using DialogueBot.Conversations;
using DialogueBot.Infrastructure.Anonymity;
using DialogueBot.Infrastructure.Anonymity.ScopeKeys;
using DialogueBot.Infrastructure.Storage;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Org;
using DialogueBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DialogueBot.Tests.Consultation;

/// <summary>
/// The storage adversaries of docs/anonymity.md play a whole consultation: briefs to every manager, anonymous
/// concerns, votes and ratings, a merge, the end of the window and the outcome. They hold every request the
/// storage service saw (URLs with keys, every row and queue message written) and snapshots of every row while
/// open and after the outcome. Each assertion says what was tried.
/// </summary>
public sealed class ConsultationStorageAdversaryTests : ConsultationTest
{
    private readonly StorageAdversary _adversary = new();

    // Everything these managers do is anonymous: raising, voting, rating.
    private static readonly string[] AnonymousRaisers = ["p12", "p13", "p19"];
    private static readonly string[] Voters = ["p14", "p15", "p16", "p20"];
    private static readonly string[] Raters = ["p06", "p07", "p08", "p09", "p10", "p11", "p17", "p18", "p21", "p23"];

    protected override BotAppOptions Configure(BotAppOptions options) =>
        base.Configure(options) with { ConfigureServices = services => services.AddSingleton(_adversary.Policy) };

    [Fact]
    public async Task Anonymous_concerns_votes_and_ratings_leave_no_identity_in_storage()
    {
        var storage = Bot.Service<AppStorage>();
        await InstallAsync(Managers);
        var id = await CreateAsync();
        var audience = Managers.Where(m => m.AadObjectId is not null).ToList();
        await Connector.WaitUntilAsync(c => c.Activities.Count(IsBrief) >= audience.Count, TimeSpan.FromSeconds(30));
        await WaitForQueueDrainedAsync();

        var firstInputAt = DateTimeOffset.UtcNow;
        foreach (var (person, text) in AnonymousRaisers.Zip(["Carers cannot do four fixed days", "Long commutes make Fridays at home essential", "The Manchester refit clashes with April"]))
        {
            await RaiseAsync(Person(person), id, text);
        }

        foreach (var voter in Voters)
        {
            await VoteAsync(Person(voter), id, ConcernEntity.IdOf(1));
            await VoteAsync(Person(voter), id, ConcernEntity.IdOf(2));
        }

        foreach (var rater in Raters.Concat(AnonymousRaisers).Concat(Voters))
        {
            await RateAsync(Person(rater), id, 3, 4);
        }

        using var client = Api();
        using (var merge = await client.PostAsJsonAsync($"/api/consultations/{id}/concerns/{ConcernEntity.IdOf(2)}/merge", new { into = ConcernEntity.IdOf(1) }))
        {
            Assert.True(merge.IsSuccessStatusCode);
        }

        var open = await StorageAdversary.SnapshotAsync(storage);
        await EndAndPublishAsync(id);
        using (var decided = await client.PostAsJsonAsync($"/api/consultations/{id}/outcome", new { outcome = "Paused", announcementAt = DateTimeOffset.UtcNow.AddDays(2) }))
        {
            Assert.True(decided.IsSuccessStatusCode, await decided.Content.ReadAsStringAsync());
        }

        await Connector.WaitUntilAsync(c => c.Activities.Count(IsOutcome) >= audience.Count, TimeSpan.FromSeconds(30));
        await WaitForQueueDrainedAsync();
        var closed = await StorageAdversary.SnapshotAsync(storage);
        var everything = _adversary.Requests;
        var actors = AnonymousRaisers.Concat(Voters).Concat(Raters).Select(Person).ToList();

        // 1. Tried: every row (open and closed), every request URL and every body written (rows, queue messages)
        //    for an anonymous actor's org id, AAD id, Teams id, name or email. Only the org chart and the
        //    conversation references name them.
        bool IsIdentityTable(string table) => table is OrgChartRepository.TableName or ConversationReferenceRepository.TableName;
        var identityTables = new[] { storage.PhysicalTableName(OrgChartRepository.TableName), storage.PhysicalTableName(ConversationReferenceRepository.TableName) };
        foreach (var identifier in actors.SelectMany(StorageAdversary.IdentifiersOf))
        {
            var rowLeak = open.Concat(closed).FirstOrDefault(r => !IsIdentityTable(r.Table) && StorageAdversary.Names(r.Text, identifier));
            Assert.True(rowLeak is null, $"Tried rows for '{identifier}': {rowLeak?.Table} {rowLeak?.Text}");
            var requestLeak = everything.FirstOrDefault(r => !identityTables.Any(r.Targets) && (StorageAdversary.Names(r.Uri, identifier) || StorageAdversary.Names(r.Body, identifier)));
            Assert.True(requestLeak is null, $"Tried the storage log for '{identifier}': {requestLeak?.Method} {requestLeak?.Uri} {requestLeak?.Body}");
        }

        Assert.All(everything.Where(r => r.Uri.Contains("/messages", StringComparison.Ordinal) && r.Method == "POST"), r => Assert.Contains("\"sealed\"", r.Body, StringComparison.Ordinal));

        // 2. Tried: the concern rows for an author, a keyed hash of one, or a time. Only these fields exist.
        var concernRows = open.Concat(closed).Where(r => r.Table == ConcernRepository.TableName).ToList();
        Assert.NotEmpty(concernRows);
        Assert.All(concernRows, r =>
        {
            Assert.Subset(new HashSet<string> { "Number", "Kind", "Text", "Anonymous", "AuthorPersonId", "State", "MergedInto", "Votes", "Answer", "SubmitHash" }, r.Entity.Keys.Where(k => k is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")).ToHashSet());
            Assert.Equal("", r.Entity.GetString("AuthorPersonId"));
        });

        // 3. Tried: participation marks and sealed ratings while open (opaque: neither names anyone), and after
        //    the outcome. Gone, with the votes and the consultation's key.
        Assert.Equal(2 * (Raters.Length + AnonymousRaisers.Length + Voters.Length), open.Count(r => r.Table == RatingRepository.TableName && r.Entity.PartitionKey == id));
        Assert.DoesNotContain(closed, r => r.Table is RatingRepository.TableName or ConcernVoteRepository.TableName && r.Entity.PartitionKey == id);
        Assert.Null(closed.Single(r => r.Table == TableScopeKeyStore.TableName && r.Entity.RowKey == id).Entity.GetString("Wrapped"));

        // 4. Tried, as an operator holding the master secret: every keyed hash the app can make with it, for every
        //    person, against every stored value after the outcome. Only "was consulted" records match (the
        //    audience, which the executive knows anyway), never anything about input.
        var hasher = Bot.Service<IdentityHasher>();
        var seal = Bot.Service<WorkSeal>();
        var closedText = string.Join('\n', closed.Select(r => r.Text));
        foreach (var person in DemoUsers.All)
        {
            var candidates = Enum.GetValues<HashPurpose>().SelectMany(p => new[] { hasher.Hash(p, id, person.AadObjectId!), hasher.Hash(p, id, person.Id) })
                .Concat([seal.LedgerKey(ConsultationWorkKinds.Brief, $"{id}.{person.Id}")]);
            Assert.DoesNotContain(candidates, c => closedText.Contains(c, StringComparison.Ordinal) && !IsAudienceRecord(closed, c));
        }

        // 5. Tried: joining timestamps — a row naming a person written while managers gave input. None was.
        Assert.All(open.Concat(closed).Where(r => IsIdentityTable(r.Table)), r => Assert.True(r.Timestamp < firstInputAt, $"{r.Table} {r.Entity.RowKey} was written at {r.Timestamp:O}, while input came in"));
    }

    private static bool IsAudienceRecord(List<SnapshotRow> rows, string value) =>
        rows.Any(r => r.Table == ConsultationDeliveryRepository.TableName && r.Entity.RowKey == value);
}

using Azure.Data.Tables;
using DialogueBot.Conversations;
using DialogueBot.Infrastructure.Scheduling;
using DialogueBot.Infrastructure.Storage;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Org;
using DialogueBot.Retention.Erasures;

namespace DialogueBot.Retention;

/// <summary>
/// HR's "erase this person": removes or rewrites every stored row that names them, and says what it did.
/// Order matters for a crash half-way: feature tables and pending work first, then the conversation
/// reference, then the marker, then the org-chart row (the last thing that knows their AAD id and email).
/// Running it again after a crash finds the person still in the chart and finishes; running it after it
/// finished finds the marker and sweeps again by org id (nothing left to change, normally).
/// </summary>
public sealed class PersonEraser(
    AppStorage storage,
    OrgDirectory directory,
    OrgChartRepository orgCharts,
    ConversationReferenceRepository references,
    ErasureRepository erasures,
    DialogueBot.Infrastructure.Anonymity.ScopeKeys.IScopeKeyStore keys,
    IEnumerable<IErasureParticipant> participants,
    ILogger<PersonEraser> logger)
{
    public const string FormerColleague = "A former colleague";

    /// <summary>The fixed answer about what cannot be found per person, by design.</summary>
    public const string NotFindableByDesign =
        "Anonymous pulse answers, anonymous town-hall questions and question votes, and anonymous consultation concerns, votes and ratings hold no person identifier, by design, " +
        "so they cannot be found for one person and were not changed. They are deleted with everyone else's when their retention period ends.";

    public async Task<EraseReport?> EraseAsync(string personId, CancellationToken cancellationToken)
    {
        directory.Invalidate(); // decide on the stored chart: another instance may have erased them a moment ago
        var person = (await directory.GetAsync(cancellationToken)).FindById(personId);
        var alreadyErased = person is null && await erasures.WasErasedAsync(personId, cancellationToken);
        if (person is null && !alreadyErased)
        {
            return null;
        }

        var id = person?.Id ?? personId;
        var placeholderId = "former-" + Guid.NewGuid().ToString("N")[..12];
        var sweeps = new ErasureSweeps(storage);
        var tables = new List<ErasedRows>
        {
            new("Questions", await sweeps.QuestionsAsync(id, cancellationToken), "named questions: asker cleared, shown as \"a former colleague\""),
            new("QuestionFollowers", await sweeps.FollowersAsync(person?.AadObjectId, keys, cancellationToken), "follows deleted (no answer notice will be sent)"),
            new("TownHalls", await sweeps.TownHallsAsync(id, placeholderId, cancellationToken), "host or creator replaced by the placeholder"),
            new("SkipLevelProgrammes", await sweeps.ProgrammesAsync(id, placeholderId, cancellationToken), "creator replaced by the placeholder"),
        };
        var oldPairIds = await sweeps.PairsAsync(id, placeholderId, cancellationToken);
        tables.Add(new("SkipLevelPairs", oldPairIds.Count, "their side replaced by the placeholder, their notes and decline reason cleared, open pairs declined"));
        tables.Add(new("ScheduledJobs", await PendingJobsAsync(id, oldPairIds, cancellationToken), "pending work for them or their pairs deleted (never sent)"));
        tables.Add(new("WorkLedger", await LedgerAsync(id, cancellationToken), "work records keyed by their org id deleted"));
        tables.Add(new("PoisonWork", await PoisonAsync(id, person, cancellationToken), "parked work naming them deleted"));

        foreach (var participant in participants)
        {
            tables.AddRange(await participant.EraseAsync(id, placeholderId, person, cancellationToken));
        }

        var referenceRemoved = person?.AadObjectId is { } aad && await references.FindAsync(aad, cancellationToken) is not null;
        if (person?.AadObjectId is { } aadId)
        {
            await references.RemoveAsync(aadId, cancellationToken);
        }

        tables.Add(new("ConversationReferences", referenceRemoved ? 1 : 0, "how to reach them in Teams deleted"));
        // The marker before the org row: if we stop between the two, a repeat still knows they were being erased.
        await erasures.RecordAsync(id, cancellationToken);
        var replaced = person is not null && await orgCharts.ReplaceWithPlaceholderAsync(id, placeholderId, FormerColleague, cancellationToken);
        tables.Add(new("OrgPeople", replaced ? 1 : 0, $"row replaced by a placeholder named \"{FormerColleague}\" (new id, no AAD id, no email, no roles, on leave) in the same place of the tree"));
        directory.Invalidate();

        logger.LogInformation("Erasure finished: {Rows} rows changed{Again}.", tables.Sum(t => t.Rows), alreadyErased ? " (already erased before)" : "");
        return new EraseReport(id, alreadyErased, tables, NotFindableByDesign, Limits);
    }

    private static readonly IReadOnlyList<string> Limits =
    [
        "Work already on the queue for them completes without sending: they are no longer in the org chart. The daily purge deletes its work records after Retention:FinishedWork.",
        "Remove them from the HR system's export too: an org chart import that lists them again brings them back as a new person, and one that lists their reports under their old id is refused until the chain is fixed.",
        "Messages the bot already sent to their Teams chat are Microsoft 365 data, outside DialogueBot.",
    ];

    /// <summary>Jobs whose key or payload names them (town-hall deliveries) or their pairs (skip-level prompts).</summary>
    private async Task<int> PendingJobsAsync(string personId, IReadOnlyList<string> pairIds, CancellationToken cancellationToken)
    {
        var table = storage.Table(Scheduler.TableName);
        var rows = (await RetentionTables.QueryAsync(table, null, cancellationToken)).Where(r =>
        {
            var payload = r.GetString("Payload");
            return RetentionTables.HasSegment(r.RowKey, personId) || RetentionTables.MentionsJsonString(payload, personId)
                || pairIds.Any(p => RetentionTables.MentionsJsonString(payload, p) || r.RowKey.Contains(p, StringComparison.Ordinal));
        });
        return await RetentionTables.DeleteAsync(table, rows, cancellationToken);
    }

    private async Task<int> LedgerAsync(string personId, CancellationToken cancellationToken)
    {
        var table = storage.Table(WorkLedger.TableName);
        var rows = (await RetentionTables.QueryAsync(table, null, cancellationToken, ["PartitionKey", "RowKey"])).Where(r => RetentionTables.HasSegment(r.RowKey, personId));
        return await RetentionTables.DeleteAsync(table, rows, cancellationToken);
    }

    private async Task<int> PoisonAsync(string personId, OrgPerson? person, CancellationToken cancellationToken)
    {
        var table = storage.Table(PoisonWork.TableName);
        var needles = new[] { personId, person?.AadObjectId, person?.Email }.OfType<string>().ToList();
        var rows = (await RetentionTables.QueryAsync(table, null, cancellationToken)).Where(r =>
            RetentionTables.HasSegment(r.GetString("Key"), personId)
            || needles.Any(n => RetentionTables.MentionsJsonString(r.GetString("Message"), n)));
        return await RetentionTables.DeleteAsync(table, rows, cancellationToken);
    }
}

/// <summary>What an erase did to one table.</summary>
public sealed record ErasedRows(string Table, int Rows, string What);

/// <param name="CannotBeFound">The fixed sentence about what holds no person id by design.</param>
public sealed record EraseReport(string PersonId, bool AlreadyErased, IReadOnlyList<ErasedRows> Tables, string CannotBeFound, IReadOnlyList<string> Limits);

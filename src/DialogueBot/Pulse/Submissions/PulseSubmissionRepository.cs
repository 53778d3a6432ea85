using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using DialogueBot.Infrastructure.Anonymity.ScopeKeys;
using DialogueBot.Infrastructure.Storage;

namespace DialogueBot.Pulse.Submissions;

/// <summary>Participation and pending answers of open runs. Nothing here can list who answered: rows are keyed and sealed with the run's key.</summary>
public sealed class PulseSubmissionRepository(AppStorage storage)
{
    public const string TableName = "PulseSubmissions";
    private const string ParticipationPurpose = "pulse-participation";
    private const string PendingContext = "pulse-pending";

    public TableClient Table => storage.Table(TableName);

    public static string ParticipationKey(ScopeKey runKey, string aadObjectId) =>
        PulseSubmissionEntity.ParticipationPrefix + runKey.Hash(ParticipationPurpose, aadObjectId);

    public async Task<bool> HasAnsweredAsync(ScopeKey runKey, string aadObjectId, CancellationToken cancellationToken) =>
        await Table.FindAsync<PulseSubmissionEntity>(runKey.Scope, ParticipationKey(runKey, aadObjectId), cancellationToken) is not null;

    /// <summary>
    /// Records "answered" and the sealed pending answer in ONE transaction: a second submit (or Teams retrying
    /// the invoke) conflicts on the participation row and stores nothing, so a person counts once. Returns the
    /// two row keys (to take them back if the run closed under the answer), or null when they had already answered.
    /// </summary>
    public async Task<(string Participation, string Pending)?> TrySubmitAsync(ScopeKey runKey, string aadObjectId, PendingAnswer answer, CancellationToken cancellationToken)
    {
        var participation = new PulseSubmissionEntity { PartitionKey = runKey.Scope, RowKey = ParticipationKey(runKey, aadObjectId) };
        var pendingKey = PulseSubmissionEntity.PendingPrefix + Guid.NewGuid().ToString("N");
        var pending = new PulseSubmissionEntity { PartitionKey = runKey.Scope, RowKey = pendingKey, Sealed = runKey.Seal(JsonSerializer.Serialize(answer), PendingContext + "\n" + pendingKey) };
        try
        {
            await Table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.Add, participation),
                new TableTransactionAction(TableTransactionActionType.Add, pending),
            ], cancellationToken);
            return (participation.RowKey, pendingKey);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
    }

    /// <summary>Takes an answer back (the run stopped taking answers while it was being written).</summary>
    public Task WithdrawAsync(string runId, (string Participation, string Pending) rows, CancellationToken cancellationToken) =>
        Table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(runId, rows.Participation), ETag.All),
            new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(runId, rows.Pending), ETag.All),
        ], cancellationToken);

    /// <summary>Every pending answer of the run, opened with its key, with the row key it came from.</summary>
    public async Task<List<(string RowKey, PendingAnswer? Answer)>> ListPendingAsync(ScopeKey runKey, CancellationToken cancellationToken)
    {
        var rows = await Table.ListWithPrefixAsync<PulseSubmissionEntity>(runKey.Scope, PulseSubmissionEntity.PendingPrefix, cancellationToken: cancellationToken);
        return rows.Select(row => (row.RowKey, runKey.Open(row.Sealed, PendingContext + "\n" + row.RowKey) is { } json ? JsonSerializer.Deserialize<PendingAnswer>(json) : null)).ToList();
    }

    /// <summary>
    /// Deletes the run's whole partition (after publication): no participation mark outlives the run. Reads
    /// only the keys (not the sealed answers), and deletes several transactions at a time: at a 100,000-person
    /// close that is 2,000 transactions, and one after the other their round trips were most of the close.
    /// </summary>
    public async Task DeleteRunAsync(string runId, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Table.QueryAsync<TableEntity>(e => e.PartitionKey == runId, select: KeysOnly, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        await Table.DeleteAllAsync(rows, cancellationToken, parallelism: WriteParallelism);
    }

    /// <summary>Transactions of one publication or deletion in flight at once.</summary>
    public const int WriteParallelism = 8;

    private static readonly string[] KeysOnly = ["PartitionKey", "RowKey"];
}

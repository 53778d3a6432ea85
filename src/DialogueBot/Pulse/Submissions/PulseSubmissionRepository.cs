using Azure;
using Azure.Data.Tables;
using DialogueBot.Infrastructure.Anonymity;
using DialogueBot.Infrastructure.Storage;

namespace DialogueBot.Pulse.Submissions;

/// <summary>Participation and pending answers of runs. Nothing here can list who answered: rows are HMACs.</summary>
public sealed class PulseSubmissionRepository(AppStorage storage, IdentityHasher hasher)
{
    public const string TableName = "PulseSubmissions";

    public TableClient Table => storage.Table(TableName);

    public string ParticipationKey(string runId, string aadObjectId) =>
        PulseSubmissionEntity.ParticipationPrefix + hasher.Hash(HashPurpose.PulseParticipation, runId, aadObjectId);

    public async Task<bool> HasAnsweredAsync(string runId, string aadObjectId, CancellationToken cancellationToken) =>
        await Table.FindAsync<PulseSubmissionEntity>(runId, ParticipationKey(runId, aadObjectId), cancellationToken) is not null;

    /// <summary>
    /// Records "answered" and the pending answer in ONE transaction: a second submit (or Teams retrying the
    /// invoke) conflicts on the participation row and stores nothing, so a person counts once.
    /// False when they had already answered.
    /// </summary>
    public async Task<bool> TrySubmitAsync(string runId, string aadObjectId, string answersJson, Model.Cohort cohort, CancellationToken cancellationToken)
    {
        var participation = new PulseSubmissionEntity { PartitionKey = runId, RowKey = ParticipationKey(runId, aadObjectId) };
        var pending = new PulseSubmissionEntity
        {
            PartitionKey = runId,
            RowKey = PulseSubmissionEntity.PendingPrefix + Guid.NewGuid().ToString("N"),
            Answers = answersJson,
            Unit = cohort.Unit,
            Level = cohort.Level,
        };
        try
        {
            await Table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.Add, participation),
                new TableTransactionAction(TableTransactionActionType.Add, pending),
            ], cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task<List<PulseSubmissionEntity>> ListWithPrefixAsync(string runId, string prefix, CancellationToken cancellationToken)
    {
        var end = prefix[..^1] + (char)(prefix[^1] + 1);
        var rows = new List<PulseSubmissionEntity>();
        await foreach (var row in Table.QueryAsync<PulseSubmissionEntity>(e => e.PartitionKey == runId && e.RowKey.CompareTo(prefix) >= 0 && e.RowKey.CompareTo(end) < 0, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    public async Task<int> CountParticipantsAsync(string runId, CancellationToken cancellationToken) =>
        (await ListWithPrefixAsync(runId, PulseSubmissionEntity.ParticipationPrefix, cancellationToken)).Count;
}

using Azure.Data.Tables;
using DialogueBot.Infrastructure.Storage;

namespace DialogueBot.Pulse.Responses;

public sealed class PulseResponseRepository(AppStorage storage)
{
    public const string TableName = "PulseResponses";

    public TableClient Table => storage.Table(TableName);

    /// <summary>
    /// Upserts in transactions of 100, several in flight at once (the rows arrive shuffled and keyed
    /// deterministically, so their order carries nothing and a rerun rewrites the same rows).
    /// </summary>
    public Task UpsertAsync(IEnumerable<PulseResponseEntity> rows, CancellationToken cancellationToken) =>
        Table.SubmitInChunksAsync(rows.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), cancellationToken, Submissions.PulseSubmissionRepository.WriteParallelism);

    /// <summary>The run's responses, their answers parsed once.</summary>
    public async Task<List<PulseResponse>> ListAsync(string runId, CancellationToken cancellationToken) =>
        (await Table.ListPartitionAsync<PulseResponseEntity>(runId, cancellationToken)).Select(r => r.ToResponse()).ToList();
}

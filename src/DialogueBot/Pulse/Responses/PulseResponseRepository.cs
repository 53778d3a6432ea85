using Azure.Data.Tables;
using DialogueBot.Infrastructure.Storage;

namespace DialogueBot.Pulse.Responses;

public sealed class PulseResponseRepository(AppStorage storage)
{
    public const string TableName = "PulseResponses";

    public TableClient Table => storage.Table(TableName);

    public Task UpsertAsync(IEnumerable<PulseResponseEntity> rows, CancellationToken cancellationToken) =>
        Table.SubmitInChunksAsync(rows.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), cancellationToken);

    /// <summary>The run's responses, their answers parsed once.</summary>
    public async Task<List<PulseResponse>> ListAsync(string runId, CancellationToken cancellationToken) =>
        (await Table.ListPartitionAsync<PulseResponseEntity>(runId, cancellationToken)).Select(r => r.ToResponse()).ToList();
}

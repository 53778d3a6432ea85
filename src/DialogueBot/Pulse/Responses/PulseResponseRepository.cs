using Azure.Data.Tables;
using DialogueBot.Infrastructure.Storage;

namespace DialogueBot.Pulse.Responses;

public sealed class PulseResponseRepository(AppStorage storage)
{
    public const string TableName = "PulseResponses";

    public TableClient Table => storage.Table(TableName);

    public Task UpsertAsync(IEnumerable<PulseResponseEntity> rows, CancellationToken cancellationToken) =>
        Table.SubmitInChunksAsync(rows.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), cancellationToken);

    public Task<List<PulseResponseEntity>> ListAsync(string runId, CancellationToken cancellationToken) =>
        Table.ListPartitionAsync<PulseResponseEntity>(runId, cancellationToken);
}

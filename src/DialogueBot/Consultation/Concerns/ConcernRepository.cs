using Azure.Data.Tables;
using DialogueBot.Infrastructure.Storage;

namespace DialogueBot.Consultation.Concerns;

public sealed class ConcernRepository(AppStorage storage)
{
    public const string TableName = "ConsultationConcerns";

    private TableClient Table => storage.Table(TableName);

    public Task<List<ConcernEntity>> ListAsync(string consultationId, CancellationToken cancellationToken) =>
        Table.ListPartitionAsync<ConcernEntity>(consultationId, cancellationToken);

    public Task<ConcernEntity?> FindAsync(string consultationId, string? concernId, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(concernId) || concernId.Length > 16 ? Task.FromResult<ConcernEntity?>(null) : Table.FindAsync<ConcernEntity>(consultationId, concernId, cancellationToken);

    public Task<bool> TryAddAsync(ConcernEntity concern, CancellationToken cancellationToken) => Table.TryAddAsync(concern, cancellationToken);

    /// <summary>Deletes every item of a consultation (retention), each only if unchanged since read; how many went.</summary>
    public async Task<int> DeleteAllAsync(string consultationId, CancellationToken cancellationToken) =>
        await DialogueBot.Retention.RetentionTables.DeleteAsync(Table, await ListAsync(consultationId, cancellationToken), cancellationToken);

    /// <summary>Read-change-write with the ETag; <paramref name="change"/> may run more than once.</summary>
    public async Task<ConcernEntity?> UpdateAsync(string consultationId, string concernId, Func<ConcernEntity, bool> change, CancellationToken cancellationToken) =>
        (await Table.UpdateAsync(consultationId, concernId, change, cancellationToken)).Entity;
}

using Azure.Data.Tables;
using DialogueBot.Infrastructure.Storage;

namespace DialogueBot.Consultation.Consultations;

public sealed class ConsultationRepository(AppStorage storage)
{
    public const string TableName = "Consultations";

    private TableClient Table => storage.Table(TableName);

    public async Task<ConsultationRecord?> FindAsync(string? id, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(id) || id.Length > 64 ? null : (await Table.FindAsync<ConsultationEntity>(ConsultationEntity.Partition, id, cancellationToken))?.ToDomain();

    public async Task<IReadOnlyList<ConsultationRecord>> ListAsync(CancellationToken cancellationToken) =>
        (await Table.ListPartitionAsync<ConsultationEntity>(ConsultationEntity.Partition, cancellationToken)).Select(e => e.ToDomain()).ToList();

    public Task<bool> TryAddAsync(ConsultationRecord consultation, CancellationToken cancellationToken) =>
        Table.TryAddAsync(new ConsultationEntity().From(consultation), cancellationToken);

    /// <summary>
    /// Read-change-write with the ETag (<see cref="TableUpdates"/>): <paramref name="change"/> returns the new
    /// state, or null for "nothing to do" (a transition that does not apply). Returns the row as it now is.
    /// </summary>
    public async Task<(bool Written, ConsultationRecord? Now)> UpdateAsync(string id, Func<ConsultationRecord, ConsultationRecord?> change, CancellationToken cancellationToken)
    {
        var update = await Table.UpdateAsync<ConsultationEntity>(ConsultationEntity.Partition, id, row =>
        {
            var changed = change(row.ToDomain());
            if (changed is null)
            {
                return false;
            }

            row.From(changed);
            return true;
        }, cancellationToken);
        return (update.Written, update.Entity?.ToDomain());
    }
}

using Azure;
using Azure.Data.Tables;
using DialogueBot.Infrastructure.Storage;

namespace DialogueBot.Consultation.Volunteers;

/// <summary>
/// Managers who offered to join a roundtable: named by their own choice (the card says so), so the row is
/// their org-chart id. Withdrawing the offer deletes it.
/// </summary>
public sealed class VolunteerRepository(AppStorage storage)
{
    public const string TableName = "ConsultationVolunteers";

    private TableClient Table => storage.Table(TableName);

    public Task<bool> TryAddAsync(string consultationId, string personId, CancellationToken cancellationToken) =>
        Table.TryAddAsync(new TableEntity(consultationId, personId), cancellationToken);

    public Task<bool> TryRemoveAsync(string consultationId, string personId, CancellationToken cancellationToken) =>
        Table.TryDeleteAsync(new TableEntity(consultationId, personId) { ETag = ETag.All }, cancellationToken);

    /// <summary>
    /// Read as the whole partition, never as the person's row: a point read would write "this person pressed a
    /// button now" into the storage log, next to the time an anonymous item or rating was written.
    /// </summary>
    public async Task<bool> IsVolunteerAsync(string consultationId, string personId, CancellationToken cancellationToken) =>
        (await ListAsync(consultationId, cancellationToken)).Contains(personId, StringComparer.OrdinalIgnoreCase);

    public async Task<List<string>> ListAsync(string consultationId, CancellationToken cancellationToken) =>
        (await Table.ListPartitionAsync<TableEntity>(consultationId, cancellationToken)).Select(r => r.RowKey).ToList();
}

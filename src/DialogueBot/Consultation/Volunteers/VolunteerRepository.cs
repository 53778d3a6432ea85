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

    public async Task<bool> IsVolunteerAsync(string consultationId, string personId, CancellationToken cancellationToken) =>
        await Table.FindAsync<TableEntity>(consultationId, personId, cancellationToken) is not null;

    public async Task<List<string>> ListAsync(string consultationId, CancellationToken cancellationToken) =>
        (await Table.ListPartitionAsync<TableEntity>(consultationId, cancellationToken)).Select(r => r.RowKey).ToList();
}

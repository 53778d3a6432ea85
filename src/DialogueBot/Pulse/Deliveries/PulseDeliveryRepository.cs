using Azure.Data.Tables;
using DialogueBot.Infrastructure.Anonymity;
using DialogueBot.Infrastructure.Storage;
using DialogueBot.Org;

namespace DialogueBot.Pulse.Deliveries;

public sealed class PulseDeliveryRepository(AppStorage storage, IdentityHasher hasher, TimeProvider time)
{
    public const string TableName = "PulseDeliveries";

    private TableClient Table => storage.Table(TableName);

    private string KeyOf(string runId, OrgPerson person) => hasher.Hash(HashPurpose.PulseDelivery, runId, person.Id);

    public async Task<bool> WasDeliveredAsync(string runId, OrgPerson person, CancellationToken cancellationToken) =>
        await Table.FindAsync<PulseDeliveryEntity>(runId, KeyOf(runId, person), cancellationToken) is not null;

    public async Task RecordAsync(string runId, OrgPerson person, CancellationToken cancellationToken) =>
        await Table.TryAddAsync(new PulseDeliveryEntity { PartitionKey = runId, RowKey = KeyOf(runId, person), Day = time.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }, cancellationToken);

    public async Task<int> CountAsync(string runId, CancellationToken cancellationToken) =>
        (await Table.ListPartitionAsync<PulseDeliveryEntity>(runId, cancellationToken)).Count;
}

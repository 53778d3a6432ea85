using Azure;
using Azure.Data.Tables;
using DialogueBot.Infrastructure.Anonymity;
using DialogueBot.Infrastructure.Storage;

namespace DialogueBot.Retention.Erasures;

/// <summary>
/// "This org-chart id was erased": lets a repeated erase answer "already erased" (idempotent) instead of
/// "unknown person", without keeping the id itself. The row key is an HMAC of the id, so the table cannot
/// be read as a list of who left; only someone holding the key and the old id can test it.
/// </summary>
public sealed class ErasureEntity : ITableEntity
{
    public const string Partition = "erased";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>The day (UTC) of the erasure; no time and nothing about the person.</summary>
    public string Day { get; set; } = "";
}

public sealed class ErasureRepository(AppStorage storage, IdentityHasher hasher, TimeProvider time)
{
    public const string TableName = "Erasures";

    private TableClient Table => storage.Table(TableName);

    private string KeyOf(string personId) => hasher.Hash(HashPurpose.WorkKey, "erasure", personId);

    public async Task<bool> WasErasedAsync(string personId, CancellationToken cancellationToken) =>
        await Table.FindAsync<ErasureEntity>(ErasureEntity.Partition, KeyOf(personId), cancellationToken) is not null;

    /// <summary>Idempotent: recording twice is recording once.</summary>
    public Task RecordAsync(string personId, CancellationToken cancellationToken) =>
        Table.TryAddAsync(new ErasureEntity { RowKey = KeyOf(personId), Day = time.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }, cancellationToken);
}

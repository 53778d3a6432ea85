using Azure;
using Azure.Data.Tables;
using DialogueBot.Infrastructure.Storage;

namespace DialogueBot.Infrastructure.Work;

/// <summary>
/// Work that cannot succeed is parked here with the reason, never silently dropped: an operator can read
/// it (GET /api/ops/poison) and put it back on the queue once the cause is fixed. The message is kept as it
/// was on the queue (sealed) and the key only as its ledger digest, so a parked pulse card names nobody.
/// </summary>
public sealed class PoisonWork(AppStorage storage, WorkSeal seal, TimeProvider time)
{
    public const string TableName = "PoisonWork";

    private TableClient Table => storage.Table(TableName);

    public async Task ParkAsync(string rawMessage, WorkItem? item, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var row = new PoisonWorkEntity
        {
            PartitionKey = item?.Kind ?? "unreadable",
            RowKey = $"{DateTimeOffset.MaxValue.Ticks - now.Ticks:D19}-{Guid.NewGuid():N}",
            Key = item is null ? null : seal.LedgerKey(item.Kind, item.Key),
            Reason = reason.Length > 1000 ? reason[..1000] : reason,
            Message = rawMessage.Length > 30_000 ? rawMessage[..30_000] : rawMessage,
            ParkedAt = now,
            Attempts = item?.Attempts ?? 0,
        };
        await Table.AddEntityAsync(row, cancellationToken);
    }

    public async Task<IReadOnlyList<PoisonWorkEntity>> ListAsync(int max, CancellationToken cancellationToken)
    {
        var rows = new List<PoisonWorkEntity>();
        await foreach (var row in Table.QueryAsync<PoisonWorkEntity>(maxPerPage: max, cancellationToken: cancellationToken))
        {
            rows.Add(row);
            if (rows.Count >= max)
            {
                break;
            }
        }

        return rows;
    }
}

public sealed class PoisonWorkEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string? Key { get; set; }
    public string Reason { get; set; } = "";
    public string Message { get; set; } = "";
    public DateTimeOffset ParkedAt { get; set; }
    public int Attempts { get; set; }
}

using Azure;
using Azure.Data.Tables;
using DialogueBot.Infrastructure.Anonymity;
using DialogueBot.Infrastructure.Storage;

namespace DialogueBot.Loop.Threads;

/// <summary>
/// The per-leader rate limit: one counter per leader and UTC day. The row key is a keyed hash of the leader
/// (leaders are named on their replies, but a storage reader has no need to see who was busy).
/// </summary>
public sealed class LeaderQuota(AppStorage storage, IdentityHasher hasher, TimeProvider time)
{
    public const string TableName = "LoopLimits";

    /// <summary>Takes one reply from today's allowance; false when it is used up.</summary>
    public async Task<bool> TryTakeAsync(string leaderId, CancellationToken cancellationToken)
    {
        var day = time.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var key = hasher.Hash(HashPurpose.WorkKey, "loop-leader-day", leaderId);
        var update = await storage.Table(TableName).UpdateOrAddAsync<QuotaEntity>(day, key,
            () => new QuotaEntity { PartitionKey = day, RowKey = key },
            row =>
            {
                if (row.Count >= ThreadRules.MaxLeaderRepliesPerDay)
                {
                    return false;
                }

                row.Count++;
                return true;
            }, cancellationToken);
        return update.Written;
    }

    public sealed class QuotaEntity : ITableEntity
    {
        public string PartitionKey { get; set; } = "";
        public string RowKey { get; set; } = "";
        public DateTimeOffset? Timestamp { get; set; }
        public ETag ETag { get; set; }
        public int Count { get; set; }
    }
}

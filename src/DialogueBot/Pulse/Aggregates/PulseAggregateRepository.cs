using Azure.Data.Tables;
using DialogueBot.Infrastructure.Storage;

namespace DialogueBot.Pulse.Aggregates;

public sealed class PulseAggregateRepository(AppStorage storage)
{
    public const string TableName = "PulseAggregates";

    private TableClient Table => storage.Table(TableName);

    public Task<List<PulseAggregateEntity>> ListAsync(string runId, CancellationToken cancellationToken) =>
        Table.ListPartitionAsync<PulseAggregateEntity>(runId, cancellationToken);

    /// <summary>Adds a batch's delta to one row, once: ETag-checked, retried on a race, skipped if already applied.</summary>
    public async Task ApplyAsync(string runId, string batchId, AggregateDelta delta, CancellationToken cancellationToken)
    {
        var rowKey = PulseAggregateEntity.RowKeyOf(delta.Cohort, delta.Question);
        for (var attempt = 0; ; attempt++)
        {
            var row = await Table.FindAsync<PulseAggregateEntity>(runId, rowKey, cancellationToken);
            var isNew = row is null;
            row ??= new PulseAggregateEntity { PartitionKey = runId, RowKey = rowKey, Cohort = delta.Cohort, Question = delta.Question };
            if (row.AppliedBatches.Split(',').Contains(batchId, StringComparer.Ordinal))
            {
                return;
            }

            row.Count += delta.Count;
            row.Sum += delta.Sum;
            var map = row.DistributionMap;
            foreach (var (value, count) in delta.Distribution)
            {
                map[value] = map.GetValueOrDefault(value) + count;
            }

            row.DistributionMap = map;
            row.AppliedBatches = row.AppliedBatches.Length == 0 ? batchId : row.AppliedBatches + "," + batchId;
            if (isNew ? await Table.TryAddAsync(row, cancellationToken) : await Table.TryReplaceAsync(row, cancellationToken))
            {
                return;
            }

            if (attempt > 50)
            {
                throw new InvalidOperationException($"Aggregate {rowKey} kept changing under us.");
            }
        }
    }
}

/// <summary>What one batch adds to one aggregate row.</summary>
public sealed class AggregateDelta(string cohort, string question)
{
    public string Cohort { get; } = cohort;
    public string Question { get; } = question;
    public int Count { get; set; }
    public long Sum { get; set; }
    public Dictionary<string, int> Distribution { get; } = [];
}

using Azure.Data.Tables;
using DialogueBot.Infrastructure.Storage;

namespace DialogueBot.Pulse.Aggregates;

public sealed class PulseAggregateRepository(AppStorage storage)
{
    public const string TableName = "PulseAggregates";

    private TableClient Table => storage.Table(TableName);

    public Task<List<PulseAggregateEntity>> ListAsync(string runId, CancellationToken cancellationToken) =>
        Table.ListPartitionAsync<PulseAggregateEntity>(runId, cancellationToken);

    /// <summary>
    /// Writes a run's totals whole (at publication, computed from every response at once). Upserts, so a rerun
    /// of a publication that crashed half-way writes the same values again.
    /// </summary>
    public Task ReplaceAllAsync(string runId, IEnumerable<AggregateDelta> totals, CancellationToken cancellationToken) =>
        Table.SubmitInChunksAsync(totals.Select(t => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new PulseAggregateEntity
        {
            PartitionKey = runId,
            RowKey = PulseAggregateEntity.RowKeyOf(t.Cohort, t.Question),
            Cohort = t.Cohort,
            Question = t.Question,
            Count = t.Count,
            Sum = t.Sum,
            DistributionMap = t.Distribution,
        })), cancellationToken);
}

/// <summary>The totals of one cohort and question.</summary>
public sealed class AggregateDelta(string cohort, string question)
{
    public string Cohort { get; } = cohort;
    public string Question { get; } = question;
    public int Count { get; set; }
    public long Sum { get; set; }
    public Dictionary<string, int> Distribution { get; } = [];
}

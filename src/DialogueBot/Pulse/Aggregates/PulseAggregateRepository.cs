using Azure.Data.Tables;
using DialogueBot.Infrastructure.Storage;

namespace DialogueBot.Pulse.Aggregates;

/// <summary>A run's totals as <see cref="PulseAggregate"/> values: rows are mapped (and parsed) here only.</summary>
public sealed class PulseAggregateRepository(AppStorage storage)
{
    public const string TableName = "PulseAggregates";

    private TableClient Table => storage.Table(TableName);

    /// <summary>
    /// Every total of the run. A row whose cohort cannot be read is left out: without it a view is not offered,
    /// or the cells no longer add up to the views and only everyone is shown, the safe side either way.
    /// </summary>
    public async Task<List<PulseAggregate>> ListAsync(string runId, CancellationToken cancellationToken) =>
        (await Table.ListPartitionAsync<PulseAggregateEntity>(runId, cancellationToken)).Select(r => r.ToAggregate()).OfType<PulseAggregate>().ToList();

    /// <summary>
    /// Writes a run's totals whole (at publication, computed from every response at once). Upserts, so a rerun
    /// of a publication that crashed half-way writes the same values again.
    /// </summary>
    public Task ReplaceAllAsync(string runId, IEnumerable<PulseAggregate> totals, CancellationToken cancellationToken) =>
        Table.SubmitInChunksAsync(totals.Select(t => new TableTransactionAction(TableTransactionActionType.UpsertReplace, PulseAggregateEntity.From(runId, t))), cancellationToken);
}

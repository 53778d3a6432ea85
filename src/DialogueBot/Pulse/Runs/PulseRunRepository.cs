using Azure.Data.Tables;
using DialogueBot.Infrastructure.Storage;

namespace DialogueBot.Pulse.Runs;

/// <summary>Pulse runs as <see cref="PulseRun"/> values: rows are mapped here and nowhere else.</summary>
public sealed class PulseRunRepository(AppStorage storage)
{
    public const string TableName = "PulseRuns";

    private TableClient Table => storage.Table(TableName);

    public async Task<bool> TryAddAsync(PulseRun run, CancellationToken cancellationToken)
    {
        var row = new PulseRunEntity();
        row.Apply(run);
        return await Table.TryAddAsync(row, cancellationToken);
    }

    /// <summary>
    /// Read-change-write with the ETag (<see cref="TableUpdates"/>): <paramref name="change"/> returns the new
    /// state, or null for "nothing to change". The run as it now is comes back (null when it does not exist).
    /// </summary>
    public async Task<(TableUpdateOutcome Outcome, PulseRun? Run)> UpdateAsync(string runId, Func<PulseRun, PulseRun?> change, CancellationToken cancellationToken)
    {
        var result = await Table.UpdateAsync<PulseRunEntity>(PulseRunEntity.Partition, runId, row =>
        {
            if (change(row.ToRun()) is not { } changed)
            {
                return false;
            }

            row.Apply(changed);
            return true;
        }, cancellationToken);
        return (result.Outcome, result.Entity?.ToRun());
    }

    public async Task<PulseRun?> FindAsync(string? runId, CancellationToken cancellationToken) =>
        Definitions.PulseDefinitionRepository.IsKey(runId)
            ? (await Table.FindAsync<PulseRunEntity>(PulseRunEntity.Partition, runId!, cancellationToken))?.ToRun()
            : null;

    public async Task<List<PulseRun>> ListAsync(CancellationToken cancellationToken) =>
        (await Table.ListPartitionAsync<PulseRunEntity>(PulseRunEntity.Partition, cancellationToken)).Select(r => r.ToRun()).ToList();

    public async Task<List<PulseRun>> ListForPulseAsync(string pulseId, CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken)).Where(r => r.PulseId == pulseId).OrderBy(r => r.Sequence).ToList();
}

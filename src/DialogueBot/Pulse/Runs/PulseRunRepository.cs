using Azure.Data.Tables;
using DialogueBot.Infrastructure.Storage;

namespace DialogueBot.Pulse.Runs;

public sealed class PulseRunRepository(AppStorage storage)
{
    public const string TableName = "PulseRuns";

    private TableClient Table => storage.Table(TableName);

    public Task<bool> TryAddAsync(PulseRunEntity run, CancellationToken cancellationToken) => Table.TryAddAsync(run, cancellationToken);

    public Task<bool> TryReplaceAsync(PulseRunEntity run, CancellationToken cancellationToken) => Table.TryReplaceAsync(run, cancellationToken);

    public Task<PulseRunEntity?> FindAsync(string? runId, CancellationToken cancellationToken) =>
        Definitions.PulseDefinitionRepository.IsKey(runId) ? Table.FindAsync<PulseRunEntity>(PulseRunEntity.Partition, runId!, cancellationToken) : Task.FromResult<PulseRunEntity?>(null);

    public Task<List<PulseRunEntity>> ListAsync(CancellationToken cancellationToken) =>
        Table.ListPartitionAsync<PulseRunEntity>(PulseRunEntity.Partition, cancellationToken);

    public async Task<List<PulseRunEntity>> ListForPulseAsync(string pulseId, CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken)).Where(r => r.PulseId == pulseId).OrderBy(r => r.Sequence).ToList();
}

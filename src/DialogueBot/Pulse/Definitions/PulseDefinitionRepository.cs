using Azure.Data.Tables;
using DialogueBot.Infrastructure.Storage;

namespace DialogueBot.Pulse.Definitions;

public sealed class PulseDefinitionRepository(AppStorage storage)
{
    public const string TableName = "PulseDefinitions";

    private TableClient Table => storage.Table(TableName);

    public Task AddAsync(PulseDefinitionEntity definition, CancellationToken cancellationToken) => Table.AddEntityAsync(definition, cancellationToken);

    public Task<PulseDefinitionEntity?> FindAsync(string id, CancellationToken cancellationToken) =>
        IsKey(id) ? Table.FindAsync<PulseDefinitionEntity>(PulseDefinitionEntity.Partition, id, cancellationToken) : Task.FromResult<PulseDefinitionEntity?>(null);

    public Task<List<PulseDefinitionEntity>> ListAsync(CancellationToken cancellationToken) =>
        Table.ListPartitionAsync<PulseDefinitionEntity>(PulseDefinitionEntity.Partition, cancellationToken);

    /// <summary>Ids come from cards and URLs: anything that could not be a key is simply unknown.</summary>
    public static bool IsKey(string? id) => !string.IsNullOrEmpty(id) && id.Length <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}

using Azure.Data.Tables;
using DialogueBot.Infrastructure.Storage;

namespace DialogueBot.Pulse.Definitions;

/// <summary>Pulse definitions as <see cref="PulseDefinition"/> values: rows are mapped (and their JSON parsed) here only.</summary>
public sealed class PulseDefinitionRepository(AppStorage storage)
{
    public const string TableName = "PulseDefinitions";

    private TableClient Table => storage.Table(TableName);

    public Task AddAsync(PulseDefinition definition, CancellationToken cancellationToken) =>
        Table.AddEntityAsync(PulseDefinitionEntity.From(definition), cancellationToken);

    public async Task<PulseDefinition?> FindAsync(string id, CancellationToken cancellationToken) =>
        IsKey(id) ? (await Table.FindAsync<PulseDefinitionEntity>(PulseDefinitionEntity.Partition, id, cancellationToken))?.ToDefinition() : null;

    public async Task<List<PulseDefinition>> ListAsync(CancellationToken cancellationToken) =>
        (await Table.ListPartitionAsync<PulseDefinitionEntity>(PulseDefinitionEntity.Partition, cancellationToken)).Select(d => d.ToDefinition()).ToList();

    /// <summary>Ids come from cards and URLs: anything that could not be a key is simply unknown.</summary>
    public static bool IsKey(string? id) => !string.IsNullOrEmpty(id) && id.Length <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}

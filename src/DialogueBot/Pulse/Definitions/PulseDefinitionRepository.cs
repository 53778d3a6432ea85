using System.Collections.Concurrent;
using Azure.Data.Tables;
using DialogueBot.Infrastructure.Storage;

namespace DialogueBot.Pulse.Definitions;

/// <summary>
/// Pulse definitions as <see cref="PulseDefinition"/> values: rows are mapped (and their JSON parsed) here only.
/// A definition never changes after it is added (a new pulse is a new id, and nothing updates or deletes the
/// row), so the ones found are remembered: each answer and each delivery needs its run's definition, and
/// reading it from storage every time was one transaction per answer and per recipient (issue 18).
/// </summary>
public sealed class PulseDefinitionRepository(AppStorage storage)
{
    public const string TableName = "PulseDefinitions";

    /// <summary>Definitions remembered at most; past that the memory starts again (only open pulses are read often).</summary>
    public const int CacheCapacity = 512;

    private readonly ConcurrentDictionary<string, PulseDefinition> _found = new(StringComparer.Ordinal);

    private TableClient Table => storage.Table(TableName);

    public async Task AddAsync(PulseDefinition definition, CancellationToken cancellationToken)
    {
        await Table.AddEntityAsync(PulseDefinitionEntity.From(definition), cancellationToken);
        Remember(definition);
    }

    /// <summary>The definition, from memory once it was found; an id not found is asked again next time (it may be added since).</summary>
    public async Task<PulseDefinition?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!IsKey(id))
        {
            return null;
        }

        if (_found.TryGetValue(id, out var known))
        {
            return known;
        }

        var definition = (await Table.FindAsync<PulseDefinitionEntity>(PulseDefinitionEntity.Partition, id, cancellationToken))?.ToDefinition();
        if (definition is not null)
        {
            Remember(definition);
        }

        return definition;
    }

    public async Task<List<PulseDefinition>> ListAsync(CancellationToken cancellationToken) =>
        (await Table.ListPartitionAsync<PulseDefinitionEntity>(PulseDefinitionEntity.Partition, cancellationToken)).Select(d => d.ToDefinition()).ToList();

    /// <summary>Ids come from cards and URLs: anything that could not be a key is simply unknown.</summary>
    public static bool IsKey(string? id) => !string.IsNullOrEmpty(id) && id.Length <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    private void Remember(PulseDefinition definition)
    {
        if (_found.Count >= CacheCapacity)
        {
            _found.Clear(); // bounded without bookkeeping: the few definitions in use are read back at once
        }

        _found[definition.Id] = definition;
    }
}

using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace DialogueBot.Infrastructure.Storage;

/// <summary>
/// Hands out clients for the application's tables and queues by logical name, with the environment prefix
/// applied. Every name must be declared with <c>AddTable</c>/<c>AddQueue</c> so that start-up creates it.
/// </summary>
public sealed class AppStorage(StorageClients clients, IEnumerable<StorageName> names)
{
    private readonly HashSet<string> _tables = names.Where(n => n.Kind == StorageKind.Table).Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
    private readonly HashSet<string> _queues = names.Where(n => n.Kind == StorageKind.Queue).Select(n => n.Name).ToHashSet(StringComparer.Ordinal);

    public IReadOnlyCollection<string> TableNames => _tables;

    public IReadOnlyCollection<string> QueueNames => _queues;

    public TableServiceClient TableService => clients.Tables;

    public TableClient Table(string name)
    {
        if (!_tables.Contains(name))
        {
            throw new InvalidOperationException($"Table '{name}' was not declared with services.AddTable(\"{name}\").");
        }

        return clients.Tables.GetTableClient(PhysicalTableName(name));
    }

    public QueueClient Queue(string name)
    {
        if (!_queues.Contains(name))
        {
            throw new InvalidOperationException($"Queue '{name}' was not declared with services.AddQueue(\"{name}\").");
        }

        return clients.Queues.GetQueueClient(PhysicalQueueName(name));
    }

    /// <summary>Table names are letters and digits; the prefix keeps environments apart.</summary>
    public string PhysicalTableName(string name) => clients.Prefix + name;

    /// <summary>Queue names are lower case and may hold hyphens.</summary>
    public string PhysicalQueueName(string name) =>
        (clients.Prefix.Length == 0 ? name : clients.Prefix + "-" + name).ToLowerInvariant();
}

public enum StorageKind
{
    Table,
    Queue,
}

/// <summary>A declared table or queue.</summary>
public sealed record StorageName(StorageKind Kind, string Name);

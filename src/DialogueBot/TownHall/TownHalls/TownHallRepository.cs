using Azure.Data.Tables;
using DialogueBot.Infrastructure.Storage;

namespace DialogueBot.TownHall.TownHalls;

public sealed class TownHallRepository(AppStorage storage)
{
    public const string TableName = "TownHalls";

    private TableClient Table => storage.Table(TableName);

    public async Task<TownHallEntity> CreateAsync(TownHallEntity townHall, CancellationToken cancellationToken)
    {
        townHall.PartitionKey = TownHallEntity.Partition;
        townHall.RowKey = string.IsNullOrEmpty(townHall.RowKey) ? NewId() : townHall.RowKey;
        await Table.AddEntityAsync(townHall, cancellationToken);
        return townHall;
    }

    public Task<TownHallEntity?> FindAsync(string id, CancellationToken cancellationToken) =>
        IsValidId(id) ? Table.FindAsync<TownHallEntity>(TownHallEntity.Partition, id, cancellationToken) : Task.FromResult<TownHallEntity?>(null);

    public Task<List<TownHallEntity>> ListAsync(CancellationToken cancellationToken) =>
        Table.ListPartitionAsync<TownHallEntity>(TownHallEntity.Partition, cancellationToken);

    /// <summary>Takes the next question number (ETag read-change-write: two askers never get the same one).</summary>
    public async Task<int> TakeNumberAsync(string id, CancellationToken cancellationToken)
    {
        var taken = 0;
        var update = IsValidId(id)
            ? await Table.UpdateAsync<TownHallEntity>(TownHallEntity.Partition, id, t =>
            {
                taken = t.NextNumber;
                t.NextNumber = taken + 1;
                return true;
            }, cancellationToken)
            : default;
        return update.Written ? taken : throw new InvalidOperationException($"Town hall {id} is gone.");
    }

    /// <summary>Marks the town hall finished (ETag read-change-write; idempotent).</summary>
    public async Task MarkFinishedAsync(string id, CancellationToken cancellationToken)
    {
        if (IsValidId(id))
        {
            await Table.UpdateAsync<TownHallEntity>(TownHallEntity.Partition, id, t =>
            {
                if (t.Finished)
                {
                    return false;
                }

                t.Finished = true;
                return true;
            }, cancellationToken);
        }
    }

    public static string NewId() => "th" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Ids come from cards and URLs: only our own shape is looked up.</summary>
    public static bool IsValidId(string? id) => id is { Length: > 2 and <= 40 } && id.All(char.IsAsciiLetterOrDigit);
}

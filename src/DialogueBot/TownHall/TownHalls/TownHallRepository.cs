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

    /// <summary>Takes the next question number (ETag retries: two askers never get the same one).</summary>
    public async Task<int> TakeNumberAsync(string id, CancellationToken cancellationToken)
    {
        while (true)
        {
            var townHall = await FindAsync(id, cancellationToken) ?? throw new InvalidOperationException($"Town hall {id} is gone.");
            var number = townHall.NextNumber;
            townHall.NextNumber = number + 1;
            if (await Table.TryReplaceAsync(townHall, cancellationToken))
            {
                return number;
            }

            await Task.Delay(Random.Shared.Next(5, 40), cancellationToken);
        }
    }

    /// <summary>Marks the town hall finished (ETag retries; idempotent).</summary>
    public async Task MarkFinishedAsync(string id, CancellationToken cancellationToken)
    {
        while (await FindAsync(id, cancellationToken) is { Finished: false } townHall)
        {
            townHall.Finished = true;
            if (await Table.TryReplaceAsync(townHall, cancellationToken))
            {
                return;
            }

            await Task.Delay(Random.Shared.Next(5, 40), cancellationToken);
        }
    }

    public static string NewId() => "th" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Ids come from cards and URLs: only our own shape is looked up.</summary>
    public static bool IsValidId(string? id) => id is { Length: > 2 and <= 40 } && id.All(char.IsAsciiLetterOrDigit);
}

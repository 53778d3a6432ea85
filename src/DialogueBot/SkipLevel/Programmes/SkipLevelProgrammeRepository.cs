using Azure.Data.Tables;
using DialogueBot.Infrastructure.Storage;

namespace DialogueBot.SkipLevel.Programmes;

public sealed class SkipLevelProgrammeRepository(AppStorage storage)
{
    public const string TableName = "SkipLevelProgrammes";

    private TableClient Table => storage.Table(TableName);

    public Task<SkipLevelProgrammeEntity?> FindAsync(string id, CancellationToken cancellationToken) =>
        IsValidId(id) ? Table.FindAsync<SkipLevelProgrammeEntity>(SkipLevelProgrammeEntity.Partition, id, cancellationToken) : Task.FromResult<SkipLevelProgrammeEntity?>(null);

    public Task<List<SkipLevelProgrammeEntity>> ListAsync(CancellationToken cancellationToken) =>
        Table.ListPartitionAsync<SkipLevelProgrammeEntity>(SkipLevelProgrammeEntity.Partition, cancellationToken);

    public Task<bool> AddAsync(SkipLevelProgrammeEntity programme, CancellationToken cancellationToken) => Table.TryAddAsync(programme, cancellationToken);

    /// <summary>Changes the programme with the one ETag read-change-write (<see cref="TableUpdates"/>); null when it does not exist.</summary>
    public async Task<SkipLevelProgrammeEntity?> UpdateAsync(string id, Func<SkipLevelProgrammeEntity, bool> change, CancellationToken cancellationToken) =>
        IsValidId(id) ? (await Table.UpdateAsync(SkipLevelProgrammeEntity.Partition, id, change, cancellationToken)).Entity : null;

    public static string NewId() => "sl" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Ids come back from cards and URLs: only our own shape is looked up.</summary>
    public static bool IsValidId(string? id) => id is { Length: > 2 and <= 40 } && id.All(char.IsAsciiLetterOrDigit);
}

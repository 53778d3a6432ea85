using Azure.Data.Tables;
using DialogueBot.Infrastructure.Storage;

namespace DialogueBot.SkipLevel.Pairs;

public sealed class SkipLevelPairRepository(AppStorage storage)
{
    public const string TableName = "SkipLevelPairs";

    private TableClient Table => storage.Table(TableName);

    public Task<SkipLevelPairEntity?> FindAsync(string programmeId, int cycle, string pairId, CancellationToken cancellationToken) =>
        IsValidPairId(pairId) && cycle is > 0 and < 1000
            ? Table.FindAsync<SkipLevelPairEntity>(SkipLevelPairEntity.PartitionFor(programmeId, cycle), pairId, cancellationToken)
            : Task.FromResult<SkipLevelPairEntity?>(null);

    public Task<List<SkipLevelPairEntity>> ListCycleAsync(string programmeId, int cycle, CancellationToken cancellationToken) =>
        Table.ListPartitionAsync<SkipLevelPairEntity>(SkipLevelPairEntity.PartitionFor(programmeId, cycle), cancellationToken);

    /// <summary>Every pair of every cycle of a programme (its partitions share the "id-c" prefix).</summary>
    public async Task<List<SkipLevelPairEntity>> ListProgrammeAsync(string programmeId, CancellationToken cancellationToken)
    {
        var from = programmeId + "-c";
        var to = programmeId + "-d";
        var rows = new List<SkipLevelPairEntity>();
        await foreach (var row in Table.QueryAsync<SkipLevelPairEntity>(e => e.PartitionKey.CompareTo(from) >= 0 && e.PartitionKey.CompareTo(to) < 0, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Inserts; false when the pair already exists (a repeated launch).</summary>
    public Task<bool> TryAddAsync(SkipLevelPairEntity pair, CancellationToken cancellationToken) => Table.TryAddAsync(pair, cancellationToken);

    /// <summary>
    /// Changes the pair with the one ETag read-change-write (<see cref="TableUpdates"/>); the change returns
    /// false to leave it as it is. Returns the pair as stored now; null when it does not exist.
    /// </summary>
    public async Task<SkipLevelPairEntity?> UpdateAsync(string programmeId, int cycle, string pairId, Func<SkipLevelPairEntity, bool> change, CancellationToken cancellationToken) =>
        IsValidPairId(pairId) && cycle is > 0 and < 1000
            ? (await Table.UpdateAsync(SkipLevelPairEntity.PartitionFor(programmeId, cycle), pairId, change, cancellationToken)).Entity
            : null;

    public static bool IsValidPairId(string? id) => id is { Length: 17 } && id[0] == 'p' && id.Skip(1).All(char.IsAsciiHexDigitLower);
}

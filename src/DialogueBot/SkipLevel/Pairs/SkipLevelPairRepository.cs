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

    /// <summary>ETag-checked; false when someone changed the pair meanwhile.</summary>
    public Task<bool> TryReplaceAsync(SkipLevelPairEntity pair, CancellationToken cancellationToken) => Table.TryReplaceAsync(pair, cancellationToken);

    /// <summary>
    /// Reads, changes and writes the pair with its ETag, again on a lost race. The change returns false to
    /// leave the pair as it is. Null when the pair does not exist.
    /// </summary>
    public async Task<SkipLevelPairEntity?> UpdateAsync(string programmeId, int cycle, string pairId, Func<SkipLevelPairEntity, bool> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var pair = await FindAsync(programmeId, cycle, pairId, cancellationToken);
            if (pair is null || !change(pair))
            {
                return pair;
            }

            if (await TryReplaceAsync(pair, cancellationToken))
            {
                return pair;
            }
        }

        throw new InvalidOperationException("The skip-level pair kept changing under us; try again.");
    }

    public static bool IsValidPairId(string? id) => id is { Length: 17 } && id[0] == 'p' && id.Skip(1).All(char.IsAsciiHexDigitLower);
}

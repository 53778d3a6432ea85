using Azure;
using Azure.Data.Tables;

namespace DialogueBot.Infrastructure.Storage;

/// <summary>What a read-change-write did: the row was absent, the change said "nothing to do", or it was written.</summary>
public enum TableUpdateOutcome
{
    NotFound,
    Unchanged,
    Written,
}

/// <summary>The outcome and the row as it now is in the table (null when absent).</summary>
public readonly record struct TableUpdate<T>(TableUpdateOutcome Outcome, T? Entity)
    where T : class, ITableEntity
{
    public bool Written => Outcome == TableUpdateOutcome.Written;
}

/// <summary>
/// Too many writers changed the same row at once for a read-change-write to get through. It is a 503, so
/// it counts as a transient storage failure everywhere: a turn answers "try again" (Teams retries) and
/// background work goes back on the queue; nothing is half-done, because no attempt wrote anything.
/// </summary>
public sealed class TableUpdateContentionException(string table, string partitionKey)
    : RequestFailedException(503, $"Row in {table}/{partitionKey} kept changing under {TableUpdates.MaxAttempts} attempts; try again.");

/// <summary>
/// The one read-change-write policy for rows several writers may change at once (a run's status, a
/// question's votes, a hall's state). Read the row, apply the change in memory, replace it with the ETag
/// read; when somebody else won (412), read again and re-apply. Bounded (<see cref="MaxAttempts"/>) and
/// jittered (full jitter on a doubling base, capped) so racing writers spread out instead of colliding in
/// step; past the bound it throws <see cref="TableUpdateContentionException"/>, never gives up silently.
/// The change must be a pure function of the row it is given: it may run more than once.
/// </summary>
public static class TableUpdates
{
    public const int MaxAttempts = 8;

    private static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Reads (pk, rk), lets <paramref name="change"/> edit it (return false for "nothing to change") and
    /// writes it with the ETag, retrying lost races as documented on <see cref="TableUpdates"/>.
    /// </summary>
    public static Task<TableUpdate<T>> UpdateAsync<T>(this TableClient table, string partitionKey, string rowKey, Func<T, bool> change, CancellationToken cancellationToken = default)
        where T : class, ITableEntity =>
        ReadChangeWriteAsync(table, partitionKey, rowKey, create: null, change, cancellationToken);

    /// <summary>
    /// As <see cref="UpdateAsync{T}"/>, but an absent row is created: <paramref name="create"/> makes it (with
    /// these keys), <paramref name="change"/> is applied to it, and it is inserted (whatever the change returns:
    /// a new row is always written); when another writer inserted
    /// it first (409), the race is lost like a 412 and the change is re-applied to their row.
    /// </summary>
    public static Task<TableUpdate<T>> UpdateOrAddAsync<T>(this TableClient table, string partitionKey, string rowKey, Func<T> create, Func<T, bool> change, CancellationToken cancellationToken = default)
        where T : class, ITableEntity =>
        ReadChangeWriteAsync(table, partitionKey, rowKey, create, change, cancellationToken);

    private static async Task<TableUpdate<T>> ReadChangeWriteAsync<T>(TableClient table, string partitionKey, string rowKey, Func<T>? create, Func<T, bool> change, CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(Backoff(attempt), cancellationToken);
            }

            var row = await table.FindAsync<T>(partitionKey, rowKey, cancellationToken);
            if (row is null)
            {
                if (create is null)
                {
                    return new(TableUpdateOutcome.NotFound, null);
                }

                var fresh = create();
                change(fresh);
                if (await table.TryAddAsync(fresh, cancellationToken))
                {
                    return new(TableUpdateOutcome.Written, fresh);
                }

                continue;
            }

            if (!change(row))
            {
                return new(TableUpdateOutcome.Unchanged, row);
            }

            if (await table.TryReplaceAsync(row, cancellationToken))
            {
                return new(TableUpdateOutcome.Written, row);
            }
        }

        throw new TableUpdateContentionException(table.Name, partitionKey);
    }

    /// <summary>Full jitter: a random delay up to min(cap, base · 2^attempt).</summary>
    internal static TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, attempt));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }
}

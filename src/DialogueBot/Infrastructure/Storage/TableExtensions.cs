using Azure;
using Azure.Data.Tables;

namespace DialogueBot.Infrastructure.Storage;

/// <summary>Small helpers over <see cref="TableClient"/> that every repository needs.</summary>
public static class TableExtensions
{
    /// <summary>The entity, or null when it does not exist.</summary>
    public static async Task<T?> FindAsync<T>(this TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken = default)
        where T : class, ITableEntity
    {
        var response = await table.GetEntityIfExistsAsync<T>(partitionKey, rowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Inserts; false when a row with that key already exists (the caller lost a race or repeats itself).</summary>
    public static async Task<bool> TryAddAsync<T>(this TableClient table, T entity, CancellationToken cancellationToken = default)
        where T : ITableEntity
    {
        try
        {
            var response = await table.AddEntityAsync(entity, cancellationToken);
            entity.ETag = response.Headers.ETag ?? entity.ETag;
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Replaces the row only if nobody changed it since it was read; false when somebody did.</summary>
    public static async Task<bool> TryReplaceAsync<T>(this TableClient table, T entity, CancellationToken cancellationToken = default)
        where T : ITableEntity
    {
        try
        {
            var response = await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
            entity.ETag = response.Headers.ETag ?? entity.ETag;
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }
    }

    /// <summary>Deletes the row if it is still the version read; false when it changed or is gone.</summary>
    public static async Task<bool> TryDeleteAsync(this TableClient table, ITableEntity entity, CancellationToken cancellationToken = default)
    {
        try
        {
            await table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, entity.ETag, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }
    }

    /// <summary>All rows of a partition.</summary>
    public static async Task<List<T>> ListPartitionAsync<T>(this TableClient table, string partitionKey, CancellationToken cancellationToken = default)
        where T : class, ITableEntity
    {
        var rows = new List<T>();
        await foreach (var row in table.QueryAsync<T>(e => e.PartitionKey == partitionKey, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>The rows of a partition whose row key starts with <paramref name="prefix"/> (a range query, not a scan).</summary>
    public static async Task<List<T>> ListWithPrefixAsync<T>(this TableClient table, string partitionKey, string prefix, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
        where T : class, ITableEntity
    {
        var end = prefix[..^1] + (char)(prefix[^1] + 1);
        var rows = new List<T>();
        await foreach (var row in table.QueryAsync<T>(e => e.PartitionKey == partitionKey && e.RowKey.CompareTo(prefix) >= 0 && e.RowKey.CompareTo(end) < 0, select: select, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Deletes these rows whatever their version, in transactions of one partition (rows going away for good).</summary>
    public static Task DeleteAllAsync(this TableClient table, IEnumerable<ITableEntity> rows, CancellationToken cancellationToken = default, int parallelism = 1) =>
        table.SubmitInChunksAsync(rows.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)), cancellationToken, parallelism);

    /// <summary>
    /// Writes rows of one partition in transactions of at most 100 (the service's limit). Each chunk is
    /// atomic; the whole set is not, so callers use idempotent keys (upserts) where a retry may repeat it.
    /// With <paramref name="parallelism"/> above 1, that many chunks are in flight at once (for large sets
    /// whose order does not matter: a chunk's round trip, not the service, is then no longer the bound).
    /// </summary>
    public static async Task SubmitInChunksAsync(this TableClient table, IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken = default, int parallelism = 1)
    {
        if (parallelism <= 1)
        {
            foreach (var chunk in actions.Chunk(100))
            {
                await table.SubmitTransactionAsync(chunk, cancellationToken);
            }

            return;
        }

        await Parallel.ForEachAsync(actions.Chunk(100), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (chunk, ct) =>
            await table.SubmitTransactionAsync(chunk, ct));
    }
}

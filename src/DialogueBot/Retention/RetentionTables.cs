using Azure;
using Azure.Data.Tables;

namespace DialogueBot.Retention;

/// <summary>Batched, ETag-safe deletes shared by the purge and the erasure.</summary>
internal static class RetentionTables
{
    /// <summary>
    /// Deletes rows in transactions of up to 100 per partition, each row only if unchanged since it was
    /// read (its ETag). A batch that meets a changed or vanished row falls back to one delete per row, so one
    /// concurrent change never keeps the rest from going. Returns how many rows this call deleted.
    /// </summary>
    public static async Task<int> DeleteAsync(TableClient table, IEnumerable<ITableEntity> rows, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var partition in rows.GroupBy(r => r.PartitionKey, StringComparer.Ordinal))
        {
            foreach (var chunk in partition.Chunk(100))
            {
                try
                {
                    await table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, r.ETag)), cancellationToken);
                    deleted += chunk.Length;
                }
                catch (TableTransactionFailedException)
                {
                    foreach (var row in chunk)
                    {
                        deleted += await TryDeleteAsync(table, row, cancellationToken) ? 1 : 0;
                    }
                }
            }
        }

        return deleted;
    }

    public static async Task<bool> TryDeleteAsync(TableClient table, ITableEntity row, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false; // gone already (a repeated run) or changed meanwhile (the next run sees it again)
        }
    }

    /// <summary>Every row of a table matching an OData filter (null: all), as loosely typed entities.</summary>
    public static async Task<List<TableEntity>> QueryAsync(TableClient table, string? filter, CancellationToken cancellationToken, IEnumerable<string>? select = null)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: select, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>True when <paramref name="key"/>, split at '.', has <paramref name="segment"/> as one of its parts (work keys: "run.person.reminder").</summary>
    public static bool HasSegment(string? key, string segment) =>
        key is not null && key.Split('.').Contains(segment, StringComparer.OrdinalIgnoreCase);

    /// <summary>True when JSON text holds <paramref name="value"/> as a whole string value ("p07", not "p070").</summary>
    public static bool MentionsJsonString(string? json, string value) =>
        json is not null && json.Contains('"' + value + '"', StringComparison.OrdinalIgnoreCase);
}

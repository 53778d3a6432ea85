using System.Text;
using Azure.Data.Tables;
using DialogueBot.Infrastructure.Storage;

namespace DialogueBot.Testing.Hostile;

/// <summary>
/// Everything one bot host holds in storage, as comparable text: every table whose name starts with the
/// host's prefix (listed through the TableServiceClient, so undeclared tables count too) with each row's
/// keys and ETag, and the message count of each queue. Two equal snapshots mean nothing was written.
/// </summary>
public sealed class StorageSnapshot
{
    private readonly AppStorage _storage;
    private readonly string _prefix;
    private List<string> _tables = [];

    public StorageSnapshot(BotAppFactory bot)
    {
        _storage = bot.Service<AppStorage>();
        _prefix = bot.Prefix;
    }

    /// <summary>The physical tables with the host's prefix (call again to notice newly created ones).</summary>
    public async Task<IReadOnlyList<string>> ListTablesAsync()
    {
        var names = new List<string>();
        await foreach (var table in _storage.TableService.QueryAsync(filter: $"TableName ge '{_prefix}' and TableName lt '{_prefix}~'"))
        {
            if (table.Name.StartsWith(_prefix, StringComparison.Ordinal))
            {
                names.Add(table.Name);
            }
        }

        names.Sort(StringComparer.Ordinal);
        _tables = names;
        return names;
    }

    /// <summary>The state of every table found by the last <see cref="ListTablesAsync"/> and of every queue.</summary>
    public async Task<string> TakeAsync()
    {
        if (_tables.Count == 0)
        {
            await ListTablesAsync();
        }

        var text = new StringBuilder();
        foreach (var name in _tables)
        {
            text.Append("table ").Append(name).Append('\n');
            var rows = new List<string>();
            await foreach (var row in _storage.TableService.GetTableClient(name).QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
            {
                rows.Add($"  {row.PartitionKey}|{row.RowKey}|{row.ETag}");
            }

            rows.Sort(StringComparer.Ordinal);
            text.AppendJoin('\n', rows).Append('\n');
        }

        foreach (var queue in _storage.QueueNames.Order(StringComparer.Ordinal))
        {
            var properties = await _storage.Queue(queue).GetPropertiesAsync();
            text.Append("queue ").Append(queue).Append(": ").Append(properties.Value.ApproximateMessagesCount).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// Every string a row holds, in every table of the host (answers packed as JSON included, as stored):
    /// what a test scans to prove some text never reached storage, whatever the tables look like.
    /// </summary>
    public async Task<IReadOnlyList<(string Table, string Row, string Property, string Value)>> StringsAsync()
    {
        var found = new List<(string, string, string, string)>();
        foreach (var name in await ListTablesAsync())
        {
            await foreach (var row in _storage.TableService.GetTableClient(name).QueryAsync<TableEntity>())
            {
                foreach (var (key, value) in row)
                {
                    if (value is string text)
                    {
                        found.Add((name, $"{row.PartitionKey}|{row.RowKey}", key, text));
                    }
                }
            }
        }

        return found;
    }

    /// <summary>The lines that differ, for a readable failure message.</summary>
    public static string Diff(string before, string after)
    {
        var a = before.Split('\n').ToHashSet(StringComparer.Ordinal);
        var b = after.Split('\n').ToHashSet(StringComparer.Ordinal);
        return string.Join("; ", a.Except(b).Select(l => "- " + l.Trim()).Concat(b.Except(a).Select(l => "+ " + l.Trim())));
    }
}

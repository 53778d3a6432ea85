using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Core.Pipeline;

namespace DialogueBot.Bench.Inbound;

/// <summary>
/// Counts storage transactions as the service bills them: every request on the wire (retries included),
/// by table or queue and by kind (point read, query page, insert, update, delete, batch; enqueue, dequeue,
/// queue delete). A batch is one transaction whatever it holds; its row count is kept beside it.
/// </summary>
public sealed partial class StorageCounter : HttpPipelinePolicy
{
    private readonly ConcurrentDictionary<string, long> _requests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _batchedRows = new(StringComparer.Ordinal);
    private readonly string _prefix;

    public StorageCounter(string prefix) => _prefix = prefix;

    private readonly ConcurrentDictionary<string, long> _ticks = new(StringComparer.Ordinal);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var key = Count(message);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        ProcessNext(message, pipeline);
        AddTime(key, started);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var key = Count(message);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await ProcessNextAsync(message, pipeline);
        AddTime(key, started);
    }

    private void AddTime(string key, long started)
    {
        var ticks = System.Diagnostics.Stopwatch.GetTimestamp() - started;
        _ticks.AddOrUpdate(key, ticks, (_, n) => n + ticks);
    }

    /// <summary>What was counted since the last call, and starts counting afresh.</summary>
    public StorageCount Take()
    {
        var requests = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var key in _requests.Keys)
        {
            if (_requests.TryRemove(key, out var n))
            {
                requests[key] = n;
            }
        }

        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var key in _batchedRows.Keys)
        {
            if (_batchedRows.TryRemove(key, out var n))
            {
                rows[key] = n;
            }
        }

        var milliseconds = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var key in _ticks.Keys)
        {
            if (_ticks.TryRemove(key, out var n))
            {
                milliseconds[key] = n * 1000.0 / System.Diagnostics.Stopwatch.Frequency;
            }
        }

        return new StorageCount(requests, rows, milliseconds);
    }

    private string Count(HttpMessage message)
    {
        var request = message.Request;
        var path = request.Uri.Path ?? "";
        var method = request.Method.Method;
        var isQueue = request.Uri.Port == QueuePort || (request.Uri.Host ?? "").Contains(".queue.", StringComparison.Ordinal);
        string key;
        if (path.EndsWith("$batch", StringComparison.Ordinal))
        {
            var (table, rows) = BatchContents(request);
            key = $"table {table} batch";
            _batchedRows.AddOrUpdate(key, rows, (_, n) => n + rows);
        }
        else if (isQueue)
        {
            var queue = Unprefixed(path.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(1).FirstOrDefault() ?? "?");
            var kind = method switch
            {
                "POST" => "enqueue",
                "GET" => "dequeue",
                "DELETE" => "delete",
                "PUT" => "update",
                _ => method,
            };
            key = path.Contains("/messages", StringComparison.Ordinal) ? $"queue {queue} {kind}" : $"queue {queue} {method} (admin)";
        }
        else
        {
            var segment = path.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
            var paren = segment.IndexOf('(', StringComparison.Ordinal);
            var table = Unprefixed(paren < 0 ? segment : segment[..paren]);
            var keyed = paren >= 0 && segment.Contains("RowKey", StringComparison.Ordinal);
            var kind = method switch
            {
                "GET" when keyed => "point read",
                "GET" => "query page",
                "POST" => "insert",
                "PUT" or "MERGE" or "PATCH" => "update",
                "DELETE" => "delete",
                _ => method,
            };
            key = $"table {table} {kind}";
        }

        _requests.AddOrUpdate(key, 1, (_, n) => n + 1);
        return key;
    }

    /// <summary>Azurite's queue endpoint (Development storage), told apart by port when the host is loopback.</summary>
    public static int QueuePort { get; set; } = -1;

    private (string Table, long Rows) BatchContents(Request request)
    {
        if (request.Content is not { } content)
        {
            return ("?", 0);
        }

        using var buffer = new MemoryStream();
        content.WriteTo(buffer, CancellationToken.None);
        var text = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        var operations = OperationLine().Matches(text);
        var table = operations.Count == 0 ? "?" : Unprefixed(operations[0].Groups["table"].Value);
        return (table, operations.Count);
    }

    private string Unprefixed(string name) =>
        name.StartsWith(_prefix, StringComparison.OrdinalIgnoreCase) ? name[_prefix.Length..].TrimStart('-') : name;

    // One line per operation of a batch: "POST http://host/account/Table HTTP/1.1" or "PUT .../Table(PartitionKey=...) HTTP/1.1".
    [GeneratedRegex(@"^(?:POST|PUT|MERGE|PATCH|DELETE|GET) \S+/(?<table>[A-Za-z0-9]+)(?:\(|\?|\s)", RegexOptions.Multiline)]
    private static partial Regex OperationLine();
}

/// <summary>
/// Requests per "service name kind", rows carried by the batches of each table, and the time spent waiting
/// for each kind (summed over requests: with requests in parallel it exceeds the wall-clock time).
/// </summary>
public sealed record StorageCount(Dictionary<string, long> Requests, Dictionary<string, long> BatchedRows, Dictionary<string, double> Milliseconds)
{
    public long Total => Requests.Values.Sum();

    public long Of(string prefix) => Requests.Where(r => r.Key.StartsWith(prefix, StringComparison.Ordinal)).Sum(r => r.Value);
}

using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using DialogueBot.Infrastructure.Storage;
using DialogueBot.Org;

namespace DialogueBot.Testing;

/// <summary>
/// Everything someone who can read the storage account sees: every request as the storage service's own
/// logs record it (method, URL with its keys, time, and the body of every write — so every queue message ever
/// sent, visible or delayed, and every row version ever written), and on demand a snapshot of every table row
/// with its service-set Timestamp. Register <see cref="Policy"/> in the bot's services.
/// </summary>
public sealed class StorageAdversary
{
    private readonly ConcurrentQueue<StorageRequest> _requests = new();

    public StorageAdversary() => Policy = new StoragePipelinePolicy(new Recorder(this));

    public StoragePipelinePolicy Policy { get; }

    public IReadOnlyList<StorageRequest> Requests => [.. _requests];

    /// <summary>Every row of every table of the bot (its prefix), each as a flat map with Timestamp.</summary>
    public static async Task<List<SnapshotRow>> SnapshotAsync(AppStorage storage)
    {
        var rows = new List<SnapshotRow>();
        foreach (var name in storage.TableNames)
        {
            await foreach (var entity in storage.Table(name).QueryAsync<TableEntity>())
            {
                rows.Add(new SnapshotRow(name, entity));
            }
        }

        return rows;
    }

    /// <summary>Every way a person could be named: org-chart id, AAD id, Teams user id, name, email.</summary>
    public static IEnumerable<string> IdentifiersOf(OrgPerson person)
    {
        yield return person.Id;
        yield return person.Name;
        if (person.AadObjectId is { } aad)
        {
            yield return aad;
            yield return "29:" + aad;
            yield return aad.Replace("-", "", StringComparison.Ordinal);
        }

        if (person.Email is { } email)
        {
            yield return email;
        }
    }

    /// <summary>
    /// True when <paramref name="text"/> holds <paramref name="identifier"/> as a whole token: "p01" inside a
    /// random base64 value is chance, not a name.
    /// </summary>
    public static bool Names(string text, string identifier) =>
        Regex.IsMatch(text, "(?<![A-Za-z0-9_\\-])" + Regex.Escape(identifier) + "(?![A-Za-z0-9_\\-])", RegexOptions.IgnoreCase);

    private sealed class Recorder(StorageAdversary owner) : HttpPipelinePolicy
    {
        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Record(message);
            ProcessNext(message, pipeline);
        }

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Record(message);
            await ProcessNextAsync(message, pipeline);
        }

        private void Record(HttpMessage message)
        {
            string body = "";
            if (message.Request.Content is { } content)
            {
                using var buffer = new MemoryStream();
                content.WriteTo(buffer, CancellationToken.None);
                body = Encoding.UTF8.GetString(buffer.ToArray());
            }

            owner._requests.Enqueue(new StorageRequest(DateTimeOffset.UtcNow, message.Request.Method.ToString(), Uri.UnescapeDataString(message.Request.Uri.ToString()), DecodeQueueMessage(body)));
        }

        // Queue messages travel base64-encoded inside XML: a storage log reader decodes them too.
        private static string DecodeQueueMessage(string body)
        {
            var match = Regex.Match(body, "<MessageText>(.*?)</MessageText>", RegexOptions.Singleline);
            if (!match.Success)
            {
                return body;
            }

            try
            {
                return body + "\n" + Encoding.UTF8.GetString(Convert.FromBase64String(match.Groups[1].Value));
            }
            catch (FormatException)
            {
                return body;
            }
        }
    }
}

public sealed record StorageRequest(DateTimeOffset At, string Method, string Uri, string Body)
{
    /// <summary>Whether the request is about that table or queue (a transaction names its table in its body only).</summary>
    public bool Targets(string physicalName) =>
        Uri.Contains("/" + physicalName, StringComparison.Ordinal)
        || (Uri.Contains("$batch", StringComparison.Ordinal) && Body.Contains("/" + physicalName + "(", StringComparison.Ordinal));
}

public sealed record SnapshotRow(string Table, TableEntity Entity)
{
    public DateTimeOffset? Timestamp => Entity.Timestamp;

    /// <summary>Keys and every property value, as one text to search.</summary>
    public string Text => string.Join('\n', Entity.Select(p => p.Key + "=" + p.Value));
}

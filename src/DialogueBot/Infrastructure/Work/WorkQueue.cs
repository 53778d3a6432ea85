using System.Text.Json;
using DialogueBot.Infrastructure.Storage;

namespace DialogueBot.Infrastructure.Work;

/// <summary>Puts work on the durable queue that every instance's <see cref="WorkQueueWorker"/> drains.</summary>
public sealed class WorkQueue(AppStorage storage)
{
    public const string QueueName = "work";

    /// <summary>The longest delay the storage queue accepts for an invisible message.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);

    public Task EnqueueAsync<T>(string kind, string key, T payload, TimeSpan? delay = null, CancellationToken cancellationToken = default) =>
        EnqueueAsync(new WorkItem(kind, key, JsonSerializer.SerializeToElement(payload, WorkJson.Options)), delay, cancellationToken);

    public async Task EnqueueAsync(WorkItem item, TimeSpan? delay = null, CancellationToken cancellationToken = default)
    {
        WorkLedger.CheckKey(item.Key);
        var visibility = delay is { } d && d > TimeSpan.Zero ? (d > MaxDelay ? MaxDelay : d) : (TimeSpan?)null;
        await storage.Queue(QueueName).SendMessageAsync(
            JsonSerializer.Serialize(item, WorkJson.Options),
            visibilityTimeout: visibility,
            timeToLive: TimeSpan.FromSeconds(-1), // never expire: work is only ever removed by finishing it
            cancellationToken: cancellationToken);
    }
}

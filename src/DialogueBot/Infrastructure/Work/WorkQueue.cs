using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using DialogueBot.Infrastructure.Anonymity;
using DialogueBot.Infrastructure.Storage;

namespace DialogueBot.Infrastructure.Work;

/// <summary>
/// Puts work on the durable queue that every instance's <see cref="WorkQueueWorker"/> drains. Every message
/// is sealed (<see cref="WorkSeal"/>): its kind, key and payload — which name a run and a person for a pulse
/// card — are unreadable to anyone who reads the queue or the poison table without the master secret.
/// </summary>
[SuppressMessage("Naming", "CA1711", Justification = "It is a queue: the name says what it is.")]
public sealed class WorkQueue(AppStorage storage, WorkSeal seal)
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
            seal.Seal(item),
            visibilityTimeout: visibility,
            timeToLive: TimeSpan.FromSeconds(-1), // never expire: work is only ever removed by finishing it
            cancellationToken: cancellationToken);
    }
}

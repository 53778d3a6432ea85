using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using DialogueBot.Infrastructure.Storage;

namespace DialogueBot.Testing;

/// <summary>
/// Every storage request that can change something (anything but GET and HEAD), as it goes on the wire
/// from the bot's own storage clients — the only clients the app builds (StorageClients). Every test host
/// has one (<see cref="BotAppFactory.StorageWrites"/>): a test that must prove "nothing was written" can
/// look here, per request, instead of re-reading every table after every request.
/// </summary>
public sealed class StorageWriteLog
{
    private readonly ConcurrentQueue<string> _writes = new();
    private int _count;

    public StorageWriteLog() => Policy = new StoragePipelinePolicy(new Recorder(this));

    public StoragePipelinePolicy Policy { get; }

    /// <summary>How many writes were sent so far (a mark to pass to <see cref="Since"/>).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The writes sent after <paramref name="mark"/>, as "METHOD path".</summary>
    public IReadOnlyList<string> Since(int mark) => _writes.Skip(mark).ToList();

    private void Record(HttpMessage message)
    {
        var method = message.Request.Method;
        if (method == RequestMethod.Get || method == RequestMethod.Head)
        {
            return;
        }

        // Enqueue before counting, so a reader that sees the count also sees the entry.
        _writes.Enqueue($"{method} {Uri.UnescapeDataString(message.Request.Uri.Path)}");
        Interlocked.Increment(ref _count);
    }

    private sealed class Recorder(StorageWriteLog owner) : HttpPipelinePolicy
    {
        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            owner.Record(message);
            ProcessNext(message, pipeline);
        }

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            owner.Record(message);
            await ProcessNextAsync(message, pipeline);
        }
    }
}

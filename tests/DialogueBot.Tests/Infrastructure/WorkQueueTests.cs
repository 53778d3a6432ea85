using System.Collections.Concurrent;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DialogueBot.Tests.Infrastructure;

/// <summary>The durable work queue against real Azurite queues and tables.</summary>
public sealed class WorkQueueTests : IAsyncLifetime
{
    private readonly RecordingHandler _handler = new();
    private BotAppFactory _bot = null!;

    public async Task InitializeAsync() => _bot = await StartAsync(BotAppFactory.NewPrefix());

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private Task<BotAppFactory> StartAsync(string prefix) => BotAppFactory.StartAsync(new BotAppOptions
    {
        Prefix = prefix,
        SeedDemoOrg = false,
        Settings = { ["Work:MaxAttempts"] = "3" },
        ConfigureServices = s => s.AddSingleton<IWorkHandler>(_handler),
    });

    [Fact]
    public async Task An_item_is_handled_and_removed()
    {
        await _bot.Service<WorkQueue>().EnqueueAsync(RecordingHandler.Kind, "k1", new { n = 1 });

        await WaitAsync(() => _handler.Runs.ContainsKey("k1"));
        await _bot.Service<WorkQueueWorker>().DrainAsync();

        Assert.Equal(1, _handler.Runs["k1"]);
        Assert.Equal(WorkLedgerEntity.Done, (await _bot.Service<WorkLedger>().FindAsync(RecordingHandler.Kind, "k1"))!.State);
    }

    [Fact]
    public async Task The_same_key_enqueued_many_times_runs_once()
    {
        var queue = _bot.Service<WorkQueue>();
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => queue.EnqueueAsync(RecordingHandler.Kind, "same", new { })));

        await WaitAsync(() => _handler.Runs.ContainsKey("same"));
        await Task.Delay(1500);

        Assert.Equal(1, _handler.Runs["same"]);
    }

    [Fact]
    public async Task A_failing_item_is_retried_and_then_completes()
    {
        _handler.FailFirst["flaky"] = 2;

        await _bot.Service<WorkQueue>().EnqueueAsync(RecordingHandler.Kind, "flaky", new { });

        await WaitAsync(() => _handler.Completed.Contains("flaky"), TimeSpan.FromSeconds(20));
        Assert.Equal(3, _handler.Runs["flaky"]);
    }

    [Fact]
    public async Task An_item_that_keeps_failing_is_parked_as_poison_with_the_reason()
    {
        _handler.FailFirst["doomed"] = int.MaxValue;

        await _bot.Service<WorkQueue>().EnqueueAsync(RecordingHandler.Kind, "doomed", new { });

        var poison = _bot.Service<PoisonWork>();
        // The poison table keeps the key only as its ledger digest, and the message sealed: a parked pulse card names nobody.
        var key = _bot.Service<WorkSeal>().LedgerKey(RecordingHandler.Kind, "doomed");
        await WaitAsync(() => poison.ListAsync(10, CancellationToken.None).Result.Any(p => p.Key == key), TimeSpan.FromSeconds(20));
        var parked = (await poison.ListAsync(10, CancellationToken.None)).Single(p => p.Key == key);
        Assert.DoesNotContain("doomed", parked.Message, StringComparison.Ordinal);
        Assert.Equal("doomed", _bot.Service<WorkSeal>().Open(parked.Message)?.Key);
        Assert.Contains("Gave up after 3 attempts", parked.Reason, StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException", parked.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_handler_that_declares_failure_is_parked_at_once()
    {
        _handler.Declare["bad"] = WorkResult.Fail("the pulse no longer exists");

        await _bot.Service<WorkQueue>().EnqueueAsync(RecordingHandler.Kind, "bad", new { });

        var poison = _bot.Service<PoisonWork>();
        var key = _bot.Service<WorkSeal>().LedgerKey(RecordingHandler.Kind, "bad");
        await WaitAsync(() => poison.ListAsync(10, CancellationToken.None).Result.Any(p => p.Key == key));
        Assert.Equal(1, _handler.Runs["bad"]);
    }

    [Fact]
    public async Task A_message_that_is_not_a_work_item_is_parked_not_lost()
    {
        var queue = _bot.Service<DialogueBot.Infrastructure.Storage.AppStorage>().Queue(WorkQueue.QueueName);
        await queue.SendMessageAsync("{ this is not json");

        var poison = _bot.Service<PoisonWork>();
        await WaitAsync(() => poison.ListAsync(10, CancellationToken.None).Result.Any(p => p.PartitionKey == "unreadable"));
    }

    [Fact]
    public async Task Two_instances_draining_one_queue_run_each_key_exactly_once()
    {
        await using var second = await StartAsync(_bot.Prefix);
        var queue = _bot.Service<WorkQueue>();

        var keys = Enumerable.Range(0, 200).Select(i => $"item-{i}").ToList();
        await Parallel.ForEachAsync(keys, async (key, ct) =>
        {
            await queue.EnqueueAsync(RecordingHandler.Kind, key, new { }, cancellationToken: ct);
            await queue.EnqueueAsync(RecordingHandler.Kind, key, new { }, cancellationToken: ct); // a duplicate of each
        });

        await WaitAsync(() => keys.All(_handler.Completed.Contains), TimeSpan.FromSeconds(60));
        await Task.Delay(1000);

        Assert.All(keys, k => Assert.Equal(1, _handler.Runs[k]));
    }

    private static async Task WaitAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The work did not happen in time.");
            }

            await Task.Delay(50);
        }
    }

    private sealed class RecordingHandler : IWorkHandler
    {
        public const string Kind = "test.record";

        public ConcurrentDictionary<string, int> Runs { get; } = new();
        public ConcurrentDictionary<string, int> FailFirst { get; } = new();
        public ConcurrentDictionary<string, WorkResult> Declare { get; } = new();
        public ConcurrentBag<string> Completed { get; } = [];

        string IWorkHandler.Kind => Kind;

        public Task<WorkResult> HandleAsync(WorkItem item, CancellationToken cancellationToken)
        {
            var run = Runs.AddOrUpdate(item.Key, 1, (_, n) => n + 1);
            if (FailFirst.TryGetValue(item.Key, out var failures) && run <= failures)
            {
                throw new InvalidOperationException($"failure {run}");
            }

            if (Declare.TryGetValue(item.Key, out var declared))
            {
                return Task.FromResult(declared);
            }

            Completed.Add(item.Key);
            return Task.FromResult(WorkResult.Done);
        }
    }
}

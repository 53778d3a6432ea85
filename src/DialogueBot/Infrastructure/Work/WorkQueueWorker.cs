using System.Diagnostics;
using Azure.Storage.Queues.Models;
using DialogueBot.Infrastructure.Storage;
using DialogueBot.Infrastructure.Telemetry;
using Microsoft.Extensions.Options;

namespace DialogueBot.Infrastructure.Work;

/// <summary>
/// Drains the work queue in every instance. A message is deleted only after its work is finished (or
/// parked as poison); any failure leaves it on the queue to come back later, so an outage of storage or of
/// Teams delays work and never drops it. The <see cref="WorkLedger"/> claim keeps duplicates (a message
/// enqueued twice, or redelivered after a crash) from running twice.
/// </summary>
public sealed class WorkQueueWorker : BackgroundService
{
    private readonly AppStorage _storage;
    private readonly WorkLedger _ledger;
    private readonly PoisonWork _poison;
    private readonly WorkSeal _seal;
    private readonly Dictionary<string, IWorkHandler> _handlers;
    private readonly WorkOptions _options;
    private readonly ILogger<WorkQueueWorker> _logger;
    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    public WorkQueueWorker(AppStorage storage, WorkLedger ledger, PoisonWork poison, WorkSeal seal, IEnumerable<IWorkHandler> handlers, IOptions<WorkOptions> options, ILogger<WorkQueueWorker> logger)
    {
        _storage = storage;
        _ledger = ledger;
        _poison = poison;
        _seal = seal;
        _handlers = WorkKind.Index(handlers);
        _options = options.Value;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.RunWorker)
        {
            return;
        }

        var idle = TimeSpan.FromMilliseconds(100);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var handled = await ProcessBatchAsync(stoppingToken);
                idle = handled > 0 ? TimeSpan.FromMilliseconds(100) : Min(idle * 2, _options.MaxIdleDelay);
                if (handled == 0)
                {
                    await Task.Delay(idle, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Storage down: wait and poll again. The messages are safe in the queue meanwhile.
                _logger.LogWarning("Work queue unavailable: {Message}", ex.Message);
                idle = Min(idle * 2 + TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
                await Task.Delay(idle, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
            }
        }
    }

    /// <summary>Receives one batch and handles it. Returns how many messages it received.</summary>
    public async Task<int> ProcessBatchAsync(CancellationToken cancellationToken)
    {
        var queue = _storage.Queue(WorkQueue.QueueName);
        var received = await queue.ReceiveMessagesAsync(Math.Clamp(_options.Concurrency, 1, 32), _options.VisibilityTimeout, cancellationToken);
        var messages = received.Value;
        if (messages.Length == 0)
        {
            return 0;
        }

        // Items already received finish even when the host is stopping (a deploy, a scale-in): cancelling a
        // send half-way can deliver a card without the ledger knowing, and the redelivered item would send it
        // again. Each item is still bounded by its own timeout, and the host by its shutdown timeout.
        await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency },
            async (message, _) => await HandleMessageAsync(message, CancellationToken.None));
        return messages.Length;
    }

    /// <summary>Handles batches until the queue has nothing visible left (tests and the demo use it).</summary>
    public async Task DrainAsync(CancellationToken cancellationToken = default)
    {
        while (await ProcessBatchAsync(cancellationToken) > 0)
        {
        }
    }

    private async Task HandleMessageAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        var queue = _storage.Queue(WorkQueue.QueueName);
        var raw = message.Body.ToString();
        var item = _seal.Open(raw);

        if (item is null || string.IsNullOrEmpty(item.Kind) || string.IsNullOrEmpty(item.Key))
        {
            await ParkAsync(message, raw, null, "The message is not a readable work item.", cancellationToken);
            return;
        }

        if (!_handlers.TryGetValue(item.Kind, out var handler))
        {
            await ParkAsync(message, raw, item, $"No handler for work of kind '{item.Kind}'.", cancellationToken);
            return;
        }

        if (item.Attempts >= _options.MaxAttempts)
        {
            await ParkAsync(message, raw, item, $"Gave up after {item.Attempts} attempts. Last error: {item.LastError}", cancellationToken);
            return;
        }

        var claim = await _ledger.TryClaimAsync(item.Kind, item.Key, _owner, _options.VisibilityTimeout, cancellationToken);
        switch (claim.Outcome)
        {
            case ClaimOutcome.AlreadyDone:
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                WorkTelemetry.Items.Add(1, new TagList { { "kind", item.Kind }, { "outcome", "duplicate" } });
                return;
            case ClaimOutcome.Busy:
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: claim.RetryIn ?? TimeSpan.FromSeconds(5), cancellationToken: cancellationToken);
                return;
        }

        var started = Stopwatch.GetTimestamp();
        using var span = WorkTelemetry.Source.StartActivity("work " + item.Kind);
        WorkResult result;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.VisibilityTimeout - TimeSpan.FromSeconds(5));
            result = await handler.HandleAsync(item, timeout.Token);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: leave the message; it becomes visible again and the claim's lease runs out.
            return;
        }
        catch (Exception ex)
        {
            var transient = StorageServiceCollectionExtensions.IsTransientStorageFailure(ex) || ex is HttpRequestException or TimeoutException or OperationCanceledException;
            if (transient)
            {
                _logger.LogWarning("Work {Kind} hit a transient failure; it will be retried: {Message}", item.Kind, ex.Message);
            }
            else
            {
                _logger.LogError(ex, "Work {Kind} failed; it will be retried.", item.Kind);
            }

            result = WorkResult.RetryAfter(Backoff(item.Attempts), ex.GetType().Name + ": " + ex.Message);
        }

        var tags = new TagList { { "kind", item.Kind }, { "outcome", result.GetType().Name.ToLowerInvariant() } };
        WorkTelemetry.Items.Add(1, tags);
        WorkTelemetry.Duration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, tags);

        try
        {
            await SettleAsync(message, raw, item, claim.Row!, result, cancellationToken);
        }
        catch (Exception ex) when (result is WorkResult.Completed)
        {
            _logger.LogWarning("Could not record finished work {Kind} yet; retrying while the claim holds: {Message}", item.Kind, ex.Message);
            await RecordCompletionAsync(message, item, claim.Row!, started, cancellationToken);
        }
        catch (Exception ex)
        {
            // Could not record the outcome (storage blinked): the message reappears and the ledger decides.
            _logger.LogWarning("Could not settle work {Kind}: {Message}", item.Kind, ex.Message);
        }
    }

    /// <summary>
    /// The work is done (a card may already be in someone's chat) but storage blinked before the ledger said
    /// so. Keeps trying while this instance's claim holds: if the message came back first, the next attempt
    /// would do the work a second time. Only a crash inside this window can still duplicate.
    /// </summary>
    private async Task RecordCompletionAsync(QueueMessage message, WorkItem item, WorkLedgerEntity claim, long claimedAt, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (Stopwatch.GetElapsedTime(claimedAt) < _options.VisibilityTimeout - TimeSpan.FromSeconds(2))
        {
            await Task.Delay(delay, cancellationToken);
            delay = Min(delay * 2, TimeSpan.FromSeconds(2));
            try
            {
                var recorded = await _ledger.CompleteAsync(claim, null, cancellationToken)
                    || (await _ledger.FindAsync(item.Kind, item.Key, cancellationToken))?.State == WorkLedgerEntity.Done;
                if (recorded)
                {
                    // Best effort: once the ledger says done, a redelivered message is dropped as a duplicate.
                    await _storage.Queue(WorkQueue.QueueName).DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                }

                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                _logger.LogDebug("Still cannot record finished work {Kind}: {Message}", item.Kind, ex.Message);
            }
        }

        _logger.LogWarning("Gave up recording finished work {Kind}/{Key}; its redelivery may repeat it.", item.Kind, _seal.LedgerKey(item.Kind, item.Key));
    }

    private async Task SettleAsync(QueueMessage message, string raw, WorkItem item, WorkLedgerEntity claim, WorkResult result, CancellationToken cancellationToken)
    {
        var queue = _storage.Queue(WorkQueue.QueueName);
        switch (result)
        {
            case WorkResult.Completed:
                await _ledger.CompleteAsync(claim, null, cancellationToken);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                break;
            case WorkResult.Retry retry:
                await _ledger.ReleaseAsync(claim, cancellationToken);
                var next = item with { Attempts = item.Attempts + 1, LastError = retry.Reason };
                var delay = retry.Delay > WorkQueue.MaxDelay ? WorkQueue.MaxDelay : retry.Delay;
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, _seal.Seal(next), delay, cancellationToken);
                break;
            case WorkResult.Failed failed:
                await _ledger.CompleteAsync(claim, "failed: " + failed.Reason, cancellationToken);
                await ParkAsync(message, raw, item, failed.Reason, cancellationToken);
                break;
        }
    }

    private async Task ParkAsync(QueueMessage message, string raw, WorkItem? item, string reason, CancellationToken cancellationToken)
    {
        // The key is logged as its ledger digest: a plain key names a run and a person.
        _logger.LogError("Parking work {Kind}/{Key} as poison: {Reason}", item?.Kind, item is null ? null : _seal.LedgerKey(item.Kind, item.Key), reason);
        await _poison.ParkAsync(raw, item, reason, cancellationToken);
        await _storage.Queue(WorkQueue.QueueName).DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        WorkTelemetry.Items.Add(1, new TagList { { "kind", item?.Kind ?? "unreadable" }, { "outcome", "poison" } });
    }

    private TimeSpan Backoff(int attempts)
    {
        var delay = _options.BaseRetryDelay * Math.Pow(2, Math.Min(attempts, 10));
        var jitter = 0.8 + (Random.Shared.NextDouble() * 0.4);
        var result = delay * jitter;
        return result > _options.MaxRetryDelay ? _options.MaxRetryDelay : result;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}

using DialogueBot.Infrastructure.Storage;
using DialogueBot.Infrastructure.Work;
using Microsoft.Extensions.Options;

namespace DialogueBot.Conversations.Budget;

/// <summary>
/// One proactive send budget per tenant, shared by every instance through one Table Storage row (leased
/// shares). Each instance that has sends waiting holds a share of the tenant limit for a short lease and
/// renews it every <see cref="ProactiveOptions.ShareRenewal"/>; its share is the fair part (limit ÷ instances
/// with demand) but never more than the limit minus what the others hold, and the row is written with its
/// ETag, so the shares written never add up to more than the limit. An instance without a share (just
/// joined) registers with zero and the others shrink at their next renewal. Sends are dispensed one by one at
/// the share's pace (no bursts), so any one-second window holds about the limit, not a bucket's worth more.
/// A 429 anywhere writes <see cref="SendBudgetEntity.SlowUntil"/> into the row: every instance reads it at its
/// next renewal and sends at <see cref="ProactiveOptions.ThrottledShare"/> of its share until then.
/// Leases run on the real clock (<see cref="TimeProvider.System"/>), never on a test's fake one: they are
/// an agreement between machines about the next few seconds.
/// </summary>
public sealed class SendBudget : BackgroundService
{
    private static readonly TimeProvider Clock = TimeProvider.System;

    /// <summary>How long another instance's share still counts after its lease: room for clock skew between machines.</summary>
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(1);

    private readonly AppStorage _storage;
    private readonly ProactiveOptions _options;
    private readonly ILogger<SendBudget> _logger;
    private readonly string _tenant;
    private readonly string _owner = Guid.NewGuid().ToString("N");
    private readonly TimeSpan _slotTimeout;
    private readonly SemaphoreSlim _permits = new(0);
    private readonly SemaphoreSlim _demand = new(0, 1);
    private readonly SemaphoreSlim _wanted = new(0, 1);
    private readonly object _gate = new();
    private int _waiting;
    private double _share;
    private DateTimeOffset _shareUntil;
    private DateTimeOffset _slowUntil;
    private double _slowFactor = 1;
    private DateTimeOffset _lastDemand;
    private bool _holding;

    public SendBudget(AppStorage storage, IOptions<ProactiveOptions> options, IOptions<WorkOptions> work, IConfiguration configuration, ILogger<SendBudget> logger)
    {
        _storage = storage;
        _options = options.Value;
        _logger = logger;
        // A slot that does not come within a third of a work item's time is not waited for: the item goes back
        // on the queue unsent. Waiting longer would start sends so late that the item's timeout could cancel one
        // Teams has already accepted, and its retry would deliver the card twice.
        var third = (work.Value.VisibilityTimeout - TimeSpan.FromSeconds(5)) / 3;
        _slotTimeout = third > TimeSpan.Zero && third < _options.SendSlotTimeout ? third : _options.SendSlotTimeout;
        var tenant = configuration["Bot:TenantId"];
        _tenant = string.IsNullOrWhiteSpace(tenant) ? "tenant" : new string(tenant.Where(char.IsAsciiLetterOrDigit).ToArray());
    }

    public const string TableName = "SendBudget";

    /// <summary>What this instance holds now (for tests and the ops view).</summary>
    public SendBudgetState State
    {
        get
        {
            lock (_gate)
            {
                return new SendBudgetState(_share, EffectiveRate(Clock.GetUtcNow()), _slowUntil > Clock.GetUtcNow());
            }
        }
    }

    /// <summary>Waits for this instance's next send slot. Throws <see cref="SendBudgetUnavailableException"/> when none comes in time (storage down).</summary>
    public async Task AcquireAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _waiting);
        lock (_gate)
        {
            _lastDemand = Clock.GetUtcNow();
        }

        Signal(_demand);
        Signal(_wanted);
        try
        {
            if (!await _permits.WaitAsync(_slotTimeout, cancellationToken))
            {
                throw new SendBudgetUnavailableException();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    /// <summary>Teams answered 429: slow this instance at once and the whole tenant from the next renewal on.</summary>
    public void ReportThrottled(TimeSpan? retryAfter)
    {
        var hold = Clamp(retryAfter ?? TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        var until = Clock.GetUtcNow() + hold;
        lock (_gate)
        {
            // Several 429s of one moment are one episode: write the row only when it extends what is known.
            if (until < _slowUntil + (hold / 2))
            {
                return;
            }

            _slowUntil = until;
            _slowFactor = _options.ThrottledShare;
        }

        _ = WriteThrottleAsync(until);
    }

    private async Task WriteThrottleAsync(DateTimeOffset until)
    {
        try
        {
            await UpdateRowAsync(row =>
            {
                row.SlowUntil = row.SlowUntil is { } known && known > until ? known : until;
                row.SlowFactor = _options.ThrottledShare;
                row.Throttles++;
                return true;
            }, CancellationToken.None);
        }
        catch (Exception ex)
        {
            _logger.LogWarning("Could not share a 429 with the other instances: {Message}", ex.Message);
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(RenewLoopAsync(stoppingToken), DispenseLoopAsync(stoppingToken));

    private Azure.Data.Tables.TableClient Table => _storage.Table(TableName);

    /// <summary>Renews this instance's share while it has sends waiting; gives it back when it has none.</summary>
    private async Task RenewLoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = Clock.GetUtcNow();
            bool demand;
            lock (_gate)
            {
                demand = Volatile.Read(ref _waiting) > 0 || now - _lastDemand < _options.ShareRenewal; // idle for a renewal: give the share back
            }

            try
            {
                if (demand || _holding)
                {
                    await RenewAsync(demand, stoppingToken);
                    await Task.Delay(demand ? _options.ShareRenewal : TimeSpan.Zero, stoppingToken);
                }
                else
                {
                    await _demand.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Storage blinked: the share runs out on its own at its lease; sends wait meanwhile.
                _logger.LogWarning("Could not renew the send budget share: {Message}", ex.Message);
                await Task.Delay(_options.ShareRenewal, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
            }
        }
    }

    private async Task RenewAsync(bool demand, CancellationToken cancellationToken)
    {
        var startedAt = Clock.GetUtcNow();
        double mine = 0;
        var written = await UpdateRowAsync(row =>
        {
            var now = Clock.GetUtcNow();
            var others = row.ReadShares().Where(s => s.Owner != _owner && s.Until + Skew > now).ToList();
            mine = 0;
            if (demand)
            {
                mine = ShareFor(others, Math.Max(1, _options.TenantSendsPerSecond));
                others.Add(new SendShare(_owner, mine, now + _options.ShareLease));
            }

            row.WriteShares(others);
            return true;
        }, cancellationToken);

        lock (_gate)
        {
            _share = mine;
            _shareUntil = startedAt + _options.ShareLease;
            _holding = demand;
            if (written.Entity is { SlowUntil: { } slowUntil } row && slowUntil > _slowUntil)
            {
                _slowUntil = slowUntil;
                _slowFactor = row.SlowFactor;
            }
        }
    }

    /// <summary>
    /// The rule of the budget: the fair part of the limit among the busy instances (the others with a live
    /// share, and this one), but never more than what the others leave, so the shares never exceed the limit.
    /// </summary>
    public static double ShareFor(IReadOnlyCollection<SendShare> others, double limit) =>
        Math.Max(0, Math.Min(limit / (others.Count + 1.0), limit - others.Sum(s => s.PerSecond)));

    /// <summary>The one ETag-checked read-change-write of the row (<see cref="TableUpdates"/>); the first writer of a tenant creates it.</summary>
    private async Task<TableUpdate<SendBudgetEntity>> UpdateRowAsync(Func<SendBudgetEntity, bool> change, CancellationToken cancellationToken)
    {
        var update = await Table.UpdateAsync(_tenant, SendBudgetEntity.Row, change, cancellationToken);
        if (update.Outcome != TableUpdateOutcome.NotFound)
        {
            return update;
        }

        await Table.TryAddAsync(new SendBudgetEntity { PartitionKey = _tenant }, cancellationToken);
        return await Table.UpdateAsync(_tenant, SendBudgetEntity.Row, change, cancellationToken);
    }

    /// <summary>Hands out permits to waiting sends at the effective rate, carrying at most one permit of credit.</summary>
    private async Task DispenseLoopAsync(CancellationToken stoppingToken)
    {
        var last = Clock.GetTimestamp();
        double credit = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (Volatile.Read(ref _waiting) <= _permits.CurrentCount)
                {
                    // Nobody waiting: sleep until somebody asks (no credit piles up meanwhile: no bursts).
                    credit = 0;
                    await _wanted.WaitAsync(TimeSpan.FromMilliseconds(250), stoppingToken);
                    last = Clock.GetTimestamp();
                    continue;
                }

                double rate;
                lock (_gate)
                {
                    rate = EffectiveRate(Clock.GetUtcNow());
                }

                var now = Clock.GetTimestamp();
                credit = Math.Min(1, credit + (Clock.GetElapsedTime(last, now).TotalSeconds * rate));
                last = now;
                if (credit >= 1)
                {
                    credit -= 1;
                    _permits.Release();
                    continue;
                }

                var wait = rate <= 0 ? TimeSpan.FromMilliseconds(50) : TimeSpan.FromSeconds(Math.Max(0.001, (1 - credit) / rate));
                await Task.Delay(wait < TimeSpan.FromMilliseconds(50) ? wait : TimeSpan.FromMilliseconds(50), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private double EffectiveRate(DateTimeOffset now)
    {
        if (now >= _shareUntil)
        {
            return 0;
        }

        return now < _slowUntil ? _share * _slowFactor : _share;
    }

    private static void Signal(SemaphoreSlim signal)
    {
        if (signal.CurrentCount == 0)
        {
            try
            {
                signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Somebody else woke it already.
            }
        }
    }

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) => value < min ? min : value > max ? max : value;

    public override void Dispose()
    {
        _permits.Dispose();
        _demand.Dispose();
        _wanted.Dispose();
        base.Dispose();
    }
}

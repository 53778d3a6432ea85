using DialogueBot.Infrastructure.Storage;

namespace DialogueBot.Conversations.Budget;

// The lease half of the send budget: renewing this instance's share of the tenant limit in the shared row
// (and giving it back), the share rule, and the one ETag-checked write of that row. The dispensing half
// and the public surface are in SendBudget.cs.
public sealed partial class SendBudget
{
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
}

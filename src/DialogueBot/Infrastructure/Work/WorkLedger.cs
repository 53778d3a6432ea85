using Azure;
using Azure.Data.Tables;
using DialogueBot.Infrastructure.Storage;

namespace DialogueBot.Infrastructure.Work;

/// <summary>
/// One row per (kind, key) of work: who holds it and until when, and whether it is finished. A claim is
/// an insert or an ETag-checked replace, so two instances never run the same key at the same time, and a
/// finished key is never run again. Row keys are opaque (<see cref="WorkSeal.LedgerKey"/>): the ledger
/// never says whom a piece of work was for, and a closed run's rows are purged by their scope prefix.
/// </summary>
/// <remarks>
/// Leases are on the REAL clock (<see cref="TimeProvider.System"/>), never on the app's <see cref="TimeProvider"/>:
/// a lease says "this instance is still running the item", which is a fact about wall time, like the queue
/// visibility timeout it shadows. On the app clock, a clock moved forward (a test's fake clock; in production
/// nothing moves it, but the same holds for any skewed provider) made every lease held at that moment look
/// expired: the next copy of the same work item then "took over" a claim whose send was still settling and
/// sent the card a second time (ScheduledTownHallTests, issue 14). Only the completion day, which retention
/// compares with app dates, stays on the app clock.
/// </remarks>
public sealed class WorkLedger(AppStorage storage, WorkSeal seal, TimeProvider time)
{
    public const string TableName = "WorkLedger";

    private static readonly TimeProvider LeaseClock = TimeProvider.System;

    private TableClient Table => storage.Table(TableName);

    /// <summary>Tries to take the key for <paramref name="lease"/>.</summary>
    public async Task<Claim> TryClaimAsync(string kind, string key, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = LeaseClock.GetUtcNow();
        key = seal.LedgerKey(kind, key);
        var row = new WorkLedgerEntity { PartitionKey = kind, RowKey = key, State = WorkLedgerEntity.Running, Owner = owner, LeaseUntil = now + lease };
        if (await Table.TryAddAsync(row, cancellationToken))
        {
            return new Claim(ClaimOutcome.Claimed, row, null);
        }

        var existing = await Table.FindAsync<WorkLedgerEntity>(kind, key, cancellationToken);
        if (existing is null)
        {
            return new Claim(ClaimOutcome.Busy, null, TimeSpan.FromSeconds(1)); // deleted between our two calls: try again soon
        }

        if (existing.State == WorkLedgerEntity.Done)
        {
            return new Claim(ClaimOutcome.AlreadyDone, existing, null);
        }

        if (existing.LeaseUntil > now)
        {
            return new Claim(ClaimOutcome.Busy, existing, existing.LeaseUntil - now);
        }

        // The holder's lease ran out (it crashed or stalled): take over, unless someone beats us to it. One
        // try, on purpose: every write to a ledger row is a claim or a write under one, and the ETag read is
        // the claim's identity. Losing means another instance holds the key now; re-applying would steal it.
        existing.Owner = owner;
        existing.LeaseUntil = now + lease;
        existing.Attempts++;
        return await Table.TryReplaceAsync(existing, cancellationToken)
            ? new Claim(ClaimOutcome.Claimed, existing, null)
            : new Claim(ClaimOutcome.Busy, null, TimeSpan.FromSeconds(1));
    }

    /// <summary>Marks the key finished. False if our claim was taken over meanwhile (the lease expired).</summary>
    public async Task<bool> CompleteAsync(WorkLedgerEntity claimed, string? result, CancellationToken cancellationToken)
    {
        claimed.State = WorkLedgerEntity.Done;
        claimed.Result = result;
        claimed.LeaseUntil = null;
        claimed.CompletedDay = time.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return await Table.TryReplaceAsync(claimed, cancellationToken);
    }

    /// <summary>Gives the key back so the next attempt can claim it at once.</summary>
    public async Task ReleaseAsync(WorkLedgerEntity claimed, CancellationToken cancellationToken)
    {
        claimed.LeaseUntil = LeaseClock.GetUtcNow();
        await Table.TryReplaceAsync(claimed, cancellationToken);
    }

    public Task<WorkLedgerEntity?> FindAsync(string kind, string key, CancellationToken cancellationToken = default) =>
        Table.FindAsync<WorkLedgerEntity>(kind, seal.LedgerKey(kind, key), cancellationToken);

    /// <summary>
    /// Deletes every ledger row of these kinds for one scope (a run that has been published): per-person work
    /// of a closed run leaves no row behind. Safe only once no such work can arrive any more.
    /// </summary>
    public async Task PurgeScopeAsync(string scope, IEnumerable<string> kinds, CancellationToken cancellationToken)
    {
        foreach (var kind in kinds)
        {
            await Table.DeleteAllAsync(await Table.ListWithPrefixAsync<WorkLedgerEntity>(kind, WorkSeal.ScopePrefix(scope), ["PartitionKey", "RowKey"], cancellationToken), cancellationToken);
        }
    }

    /// <summary>Keys become row keys: they must avoid the characters table keys forbid.</summary>
    public static void CheckKey(string key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 512 || key.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
        {
            throw new ArgumentException($"Work key '{key}' is empty, too long, or holds a character table keys forbid (/ \\ # ? or control).", nameof(key));
        }
    }

    public sealed record Claim(ClaimOutcome Outcome, WorkLedgerEntity? Row, TimeSpan? RetryIn);
}

public enum ClaimOutcome
{
    Claimed,
    AlreadyDone,
    Busy,
}

public sealed class WorkLedgerEntity : ITableEntity
{
    public const string Running = "running";
    public const string Done = "done";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string State { get; set; } = Running;
    public string? Owner { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public int Attempts { get; set; } = 1;
    /// <summary>
    /// The day (UTC) it finished, for the retention purge: a day, not a time, so a finished row cannot be lined
    /// up with the moment someone answered or asked.
    /// </summary>
    public string? CompletedDay { get; set; }
    /// <summary>A short result a later step may need (for example the id of a sent activity).</summary>
    public string? Result { get; set; }
}

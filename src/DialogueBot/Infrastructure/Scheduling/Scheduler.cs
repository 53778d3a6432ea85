using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using DialogueBot.Infrastructure.Storage;
using DialogueBot.Infrastructure.Work;

namespace DialogueBot.Infrastructure.Scheduling;

/// <summary>
/// Work due at a time (a pulse opening, a reminder, a skip-level prompt). A job is a row in Table Storage;
/// when it falls due, exactly one instance claims it (ETag), turns it into a work item with the same key,
/// and deletes it. A crash between those steps only means the job is enqueued again after its lease, and
/// the work ledger runs a key once: every scheduled thing happens exactly once across instances.
/// </summary>
public sealed class Scheduler(AppStorage storage, WorkQueue work, TimeProvider time)
{
    public const string TableName = "ScheduledJobs";
    private const string Partition = "job";

    private TableClient Table => storage.Table(TableName);

    /// <summary>Schedules (or moves) the job with this key. Keys follow the work-key rules.</summary>
    public async Task ScheduleAsync<T>(string kind, string key, T payload, DateTimeOffset dueAt, CancellationToken cancellationToken = default)
    {
        WorkLedger.CheckKey(key);
        var row = new ScheduledJobEntity
        {
            PartitionKey = Partition,
            RowKey = key,
            Kind = kind,
            Payload = JsonSerializer.Serialize(payload, WorkJson.Options),
            DueAt = dueAt.ToUniversalTime(),
        };
        await Table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Cancels a job that has not fired yet. False when there was none.</summary>
    public async Task<bool> CancelAsync(string key, CancellationToken cancellationToken = default)
    {
        try
        {
            await Table.DeleteEntityAsync(Partition, key, ETag.All, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }

    public Task<ScheduledJobEntity?> FindAsync(string key, CancellationToken cancellationToken = default) =>
        Table.FindAsync<ScheduledJobEntity>(Partition, key, cancellationToken);

    /// <summary>Moves every job that is due now onto the work queue. Returns how many this instance moved.</summary>
    public async Task<int> DispatchDueAsync(TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var moved = 0;
        var due = new List<ScheduledJobEntity>();
        await foreach (var job in Table.QueryAsync<ScheduledJobEntity>(j => j.PartitionKey == Partition && j.DueAt <= now, cancellationToken: cancellationToken))
        {
            due.Add(job);
        }

        // Due times are app time (a test moves that clock); the lease of moving a job is between instances
        // and runs on the real clock, like the work ledger's.
        var leaseNow = TimeProvider.System.GetUtcNow();
        foreach (var job in due)
        {
            if (job.LeaseUntil is { } held && held > leaseNow)
            {
                continue; // another instance is moving it right now
            }

            // One try, on purpose (not TableUpdates.UpdateAsync): the lease is a claim that must fail on a lost
            // race. Whoever changed the row since it was read either leased it (the winner moves it) or
            // rescheduled it (it is due at its new time, read afresh on the next poll); re-applying the lease
            // over either would move a job twice or early.
            job.LeaseUntil = leaseNow + lease;
            if (!await Table.TryReplaceAsync(job, cancellationToken))
            {
                continue;
            }

            using var payload = JsonDocument.Parse(job.Payload);
            await work.EnqueueAsync(new WorkItem(job.Kind, job.RowKey, payload.RootElement.Clone()), cancellationToken: cancellationToken);
            await Table.TryDeleteAsync(job, cancellationToken);
            moved++;
        }

        return moved;
    }
}

public sealed class ScheduledJobEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Kind { get; set; } = "";
    public string Payload { get; set; } = "{}";
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
}

using System.Globalization;
using DialogueBot.Infrastructure.Scheduling;
using DialogueBot.Infrastructure.Work;
using Microsoft.Extensions.Options;

namespace DialogueBot.Retention;

/// <summary>The retention feature's background work.</summary>
public static class RetentionWorkKinds
{
    /// <summary>One day's purge (key: "retention.purge.yyyy-MM-dd"); each run schedules the next day's.</summary>
    public const string Purge = "retention.purge";
}

/// <summary>
/// The daily purge as scheduled work: one key per UTC day ("retention.purge.2026-11-23"), so the work
/// ledger runs each day's purge once across instances, and each run schedules the next day's.
/// </summary>
public sealed class RetentionPurgeHandler(RetentionPurge purge, Scheduler scheduler, IOptions<RetentionOptions> options, ILogger<RetentionPurgeHandler> logger) : IWorkHandler
{
    public string Kind => RetentionWorkKinds.Purge;

    public static string KeyFor(DateOnly day) => RetentionWorkKinds.Purge + "." + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateTimeOffset DueAt(DateOnly day, TimeSpan timeOfDay) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) + timeOfDay;

    public async Task<WorkResult> HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var payload = item.PayloadAs<PurgePayload>();
        if (!DateOnly.TryParseExact(payload.Day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return WorkResult.Fail($"The purge payload's day '{payload.Day}' is not yyyy-MM-dd.");
        }

        var report = await purge.RunAsync(cancellationToken);
        logger.LogInformation("Retention purge {Key}: {Report}.", item.Key, report);

        // Schedule tomorrow's before finishing: a crash after this only schedules the same key again.
        var next = day.AddDays(1);
        await scheduler.ScheduleAsync(RetentionWorkKinds.Purge, KeyFor(next), new PurgePayload(next.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), DueAt(next, options.Value.PurgeTimeOfDay), cancellationToken);
        return WorkResult.Done;
    }
}

public sealed record PurgePayload(string Day);

/// <summary>
/// At start, makes sure today's purge is scheduled (the chain of "each run schedules the next" has to
/// begin somewhere, and restarts must not break it). Scheduling a day already done costs one skipped work
/// item: the ledger knows the key.
/// </summary>
public sealed class RetentionPurgeStarter(Scheduler scheduler, IOptions<RetentionOptions> options, TimeProvider time, ILogger<RetentionPurgeStarter> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.SchedulePurge)
        {
            return;
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        try
        {
            if (await scheduler.FindAsync(RetentionPurgeHandler.KeyFor(today.AddDays(1)), cancellationToken) is not null)
            {
                return; // today's has run and scheduled tomorrow's
            }

            await scheduler.ScheduleAsync(RetentionWorkKinds.Purge, RetentionPurgeHandler.KeyFor(today), new PurgePayload(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), RetentionPurgeHandler.DueAt(today, options.Value.PurgeTimeOfDay), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Storage blinked at start: the app still serves; the next start schedules the purge again.
            logger.LogWarning("Could not schedule the retention purge at start: {Message}", ex.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

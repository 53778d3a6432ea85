using Cronos;
using DialogueBot.Infrastructure.Anonymity;
using DialogueBot.Infrastructure.Scheduling;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Org;
using DialogueBot.Pulse.Definitions;
using DialogueBot.Pulse.Model;
using DialogueBot.Pulse.Responses;
using DialogueBot.Pulse.Runs;
using Microsoft.Extensions.Options;

namespace DialogueBot.Pulse.Lifecycle;

/// <summary>Creates pulses and moves runs through their life: scheduled → open (fan-out, flushes, reminder) → closed (final flush, next run).</summary>
public sealed class PulseService(
    PulseDefinitionRepository definitions,
    PulseRunRepository runs,
    PulseFlusher flusher,
    OrgDirectory directory,
    WorkQueue work,
    Scheduler scheduler,
    IOptions<PulseOptions> options,
    IOptions<OrgOptions> orgOptions,
    IOptions<AnonymityOptions> anonymity,
    TimeProvider time,
    ILogger<PulseService> logger)
{
    public int MinimumGroupSize => anonymity.Value.MinimumGroupSize;

    public async Task<(PulseDefinitionEntity Definition, PulseRunEntity Run)> CreateAsync(ValidPulse pulse, CancellationToken cancellationToken)
    {
        var id = "pu" + Guid.NewGuid().ToString("N")[..12];
        var definition = PulseDefinitionEntity.From(id, pulse);
        await definitions.AddAsync(definition, cancellationToken);
        var run = await AddRunAsync(definition, 1, pulse.OpensAt, cancellationToken);
        logger.LogInformation("Pulse {PulseId} created; first run {RunId} opens {OpensAt:u}.", id, run.Id, run.OpensAt);
        return (definition, run);
    }

    private async Task<PulseRunEntity> AddRunAsync(PulseDefinitionEntity definition, int sequence, DateTimeOffset opensAt, CancellationToken cancellationToken)
    {
        var run = new PulseRunEntity
        {
            RowKey = PulseRunEntity.RunId(definition.Id, sequence),
            PulseId = definition.Id,
            Sequence = sequence,
            OpensAt = opensAt,
            ClosesAt = opensAt + definition.OpenFor,
        };
        if (!await runs.TryAddAsync(run, cancellationToken))
        {
            return (await runs.FindAsync(run.Id, cancellationToken))!; // a repeated close already added it
        }

        if (opensAt <= time.GetUtcNow())
        {
            await work.EnqueueAsync(PulseWorkKinds.Open, run.Id + ".open", new RunPayload(run.Id), cancellationToken: cancellationToken);
        }
        else
        {
            await scheduler.ScheduleAsync(PulseWorkKinds.Open, run.Id + ".open", new RunPayload(run.Id), opensAt, cancellationToken);
        }

        return run;
    }

    /// <summary>Opens a run: freezes the audience size, fans the card out, schedules flushes, the reminder and the close.</summary>
    public async Task OpenAsync(string runId, CancellationToken cancellationToken)
    {
        var run = await runs.FindAsync(runId, cancellationToken) ?? throw new PulseGoneException(runId);
        var definition = await definitions.FindAsync(run.PulseId, cancellationToken) ?? throw new PulseGoneException(run.PulseId);
        if (run.Status == PulseRunEntity.Scheduled)
        {
            var org = await directory.GetAsync(cancellationToken);
            run.AudienceCount = AudienceResolver.Resolve(org, definition.AudienceValue).Count;
            run.Status = PulseRunEntity.Open;
            if (!await runs.TryReplaceAsync(run, cancellationToken))
            {
                throw new InvalidOperationException("The run changed while opening; the retry will see it.");
            }
        }

        // Everything below is keyed, so a repeated open enqueues nothing twice.
        await work.EnqueueAsync(PulseWorkKinds.Fanout, run.Id + ".fanout", new RunPayload(run.Id), cancellationToken: cancellationToken);
        await scheduler.ScheduleAsync(PulseWorkKinds.Close, run.Id + ".close", new RunPayload(run.Id), run.ClosesAt, cancellationToken);
        var remindAt = run.ClosesAt - options.Value.ReminderBeforeClose;
        if (remindAt > time.GetUtcNow())
        {
            await scheduler.ScheduleAsync(PulseWorkKinds.Remind, run.Id + ".remind", new RunPayload(run.Id), remindAt, cancellationToken);
        }

        await ScheduleFlushAsync(run, 1, cancellationToken);
    }

    public async Task ScheduleFlushAsync(PulseRunEntity run, int round, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow() + options.Value.FlushInterval;
        if (at < run.ClosesAt)
        {
            await scheduler.ScheduleAsync(PulseWorkKinds.Flush, $"{run.Id}.flush.{round}", new FlushPayload(run.Id, round), at, cancellationToken);
        }
    }

    /// <summary>Closes a run: the final flush, then "closed" (results open), then the next run if it recurs. False: try again shortly.</summary>
    public async Task<bool> CloseAsync(string runId, CancellationToken cancellationToken)
    {
        var run = await runs.FindAsync(runId, cancellationToken) ?? throw new PulseGoneException(runId);
        var definition = await definitions.FindAsync(run.PulseId, cancellationToken) ?? throw new PulseGoneException(run.PulseId);
        if (run.Status == PulseRunEntity.Closed)
        {
            return true;
        }

        // Close first so no new answer is accepted, then flush everything that is pending.
        if (run.Status != PulseRunEntity.Closed)
        {
            run.Status = PulseRunEntity.Closed;
            if (run.ClosesAt > time.GetUtcNow())
            {
                run.ClosesAt = time.GetUtcNow();
            }

            if (!await runs.TryReplaceAsync(run, cancellationToken))
            {
                return false;
            }
        }

        await scheduler.CancelAsync(run.Id + ".close", cancellationToken);
        await scheduler.CancelAsync(run.Id + ".remind", cancellationToken);
        for (var attempt = 0; !await flusher.FlushAsync(run.Id, definition.QuestionList, final: true, cancellationToken); attempt++)
        {
            if (attempt > 30)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken);
        }

        if (definition.Recurrence is { } cron)
        {
            var zone = TimeZoneInfo.TryFindSystemTimeZoneById(orgOptions.Value.TimeZone, out var z) ? z : TimeZoneInfo.Utc;
            var next = CronExpression.Parse(cron).GetNextOccurrence(Max(run.ClosesAt, time.GetUtcNow()), zone);
            if (next is { } opensAt)
            {
                await AddRunAsync(definition, run.Sequence + 1, opensAt, cancellationToken);
            }
        }

        return true;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}

/// <summary>A run or pulse that work refers to no longer exists: nothing to do, ever.</summary>
public sealed class PulseGoneException(string id) : Exception($"Pulse or run '{id}' does not exist.");

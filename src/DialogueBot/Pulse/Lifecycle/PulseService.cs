using Cronos;
using DialogueBot.Infrastructure.Anonymity;
using DialogueBot.Infrastructure.Anonymity.ScopeKeys;
using DialogueBot.Infrastructure.Scheduling;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Org;
using DialogueBot.Pulse.Definitions;
using DialogueBot.Pulse.Model;
using DialogueBot.Pulse.Responses;
using DialogueBot.Pulse.Runs;
using Microsoft.Extensions.Options;

namespace DialogueBot.Pulse.Lifecycle;

/// <summary>
/// Creates pulses and moves runs through their life: scheduled → open (the run's key, fan-out, reminder) →
/// closing (no answers, nothing shown) → closed (everything published at once; the run's participation,
/// per-person work rows and key destroyed; next run). See docs/anonymity.md.
/// </summary>
public sealed class PulseService(
    PulseDefinitionRepository definitions,
    PulseRunRepository runs,
    PulsePublisher publisher,
    Submissions.PulseSubmissionRepository submissions,
    IScopeKeyStore keys,
    OrgDirectory directory,
    WorkQueue work,
    WorkLedger ledger,
    Conversations.Delivery.DeliveryReports deliveryReports,
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

    /// <summary>Opens a run: creates its key, freezes the audience size, fans the card out, schedules the reminder and the close.</summary>
    public async Task OpenAsync(string runId, CancellationToken cancellationToken)
    {
        var run = await runs.FindAsync(runId, cancellationToken) ?? throw new PulseGoneException(runId);
        var definition = await definitions.FindAsync(run.PulseId, cancellationToken) ?? throw new PulseGoneException(run.PulseId);
        if (run.Status is PulseRunEntity.Closing or PulseRunEntity.Closed)
        {
            return; // a late repeat of the open: the run already closed, and its key may be gone
        }

        // Before the run opens, so no card can be answered without it. Idempotent across retries and instances.
        await keys.GetOrCreateAsync(run.Id, cancellationToken);
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

    }

    /// <summary>
    /// Closes a run: stop taking answers (closing), wait out the grace for answers already being written,
    /// publish everything at once, mark it closed (results open), then destroy what tied people to it.
    /// Every step is idempotent, so a failure at any point resumes (the handler retries; false = not yet).
    /// </summary>
    public async Task<bool> CloseAsync(string runId, CancellationToken cancellationToken)
    {
        var run = await runs.FindAsync(runId, cancellationToken) ?? throw new PulseGoneException(runId);
        var definition = await definitions.FindAsync(run.PulseId, cancellationToken) ?? throw new PulseGoneException(run.PulseId);
        var now = time.GetUtcNow();
        if (run.Status is PulseRunEntity.Scheduled or PulseRunEntity.Open)
        {
            run.Status = PulseRunEntity.Closing;
            run.ClosingSince = now;
            if (run.ClosesAt > now)
            {
                run.ClosesAt = now;
            }

            if (!await runs.TryReplaceAsync(run, cancellationToken))
            {
                return false;
            }

            await scheduler.CancelAsync(run.Id + ".close", cancellationToken);
            await scheduler.CancelAsync(run.Id + ".remind", cancellationToken);
        }

        if (run.Status == PulseRunEntity.Closing)
        {
            if (now < (run.ClosingSince ?? now) + options.Value.CloseGrace)
            {
                return false;
            }

            var runKey = await keys.FindAsync(run.Id, cancellationToken)
                ?? throw new InvalidOperationException($"Run {run.Id} is closing but its key is gone: it cannot be published.");
            var published = await publisher.PublishAsync(runKey, definition.QuestionList, cancellationToken);
            run.Status = PulseRunEntity.Closed;
            if (!await runs.TryReplaceAsync(run, cancellationToken))
            {
                return false;
            }

            logger.LogInformation("Run {RunId} published: {Count} responses.", run.Id, published);
            await ScheduleNextRunAsync(definition, run, cancellationToken);
        }

        // Closed: nothing of the run may say who answered or was reminded, and the key goes last, so a failure
        // before this point can still publish. Repeating these steps is harmless.
        await submissions.DeleteRunAsync(run.Id, cancellationToken);
        await ledger.PurgeScopeAsync(run.Id, [PulseWorkKinds.Deliver, PulseWorkKinds.Reminder], cancellationToken);
        await deliveryReports.CollapseAsync(Delivery.PulseDeliveryReports.Run(run.Id), cancellationToken);
        await deliveryReports.CollapseAsync(Delivery.PulseDeliveryReports.Reminder(run.Id), cancellationToken);
        await keys.DestroyAsync(run.Id, cancellationToken);
        return true;
    }

    private async Task ScheduleNextRunAsync(PulseDefinitionEntity definition, PulseRunEntity run, CancellationToken cancellationToken)
    {
        if (definition.Recurrence is { } cron)
        {
            var zone = TimeZoneInfo.TryFindSystemTimeZoneById(orgOptions.Value.TimeZone, out var z) ? z : TimeZoneInfo.Utc;
            var next = CronExpression.Parse(cron).GetNextOccurrence(Max(run.ClosesAt, time.GetUtcNow()), zone);
            if (next is { } opensAt)
            {
                await AddRunAsync(definition, run.Sequence + 1, opensAt, cancellationToken);
            }
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}

/// <summary>A run or pulse that work refers to no longer exists: nothing to do, ever.</summary>
public sealed class PulseGoneException(string id) : Exception($"Pulse or run '{id}' does not exist.");

using Cronos;
using DialogueBot.Infrastructure.Anonymity;
using DialogueBot.Infrastructure.Anonymity.ScopeKeys;
using DialogueBot.Infrastructure.Scheduling;
using DialogueBot.Infrastructure.Storage;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Org;
using DialogueBot.Pulse.Definitions;
using DialogueBot.Pulse.Model;
using DialogueBot.Pulse.Responses;
using DialogueBot.Pulse.Runs;
using Microsoft.Extensions.Options;

namespace DialogueBot.Pulse.Lifecycle;

/// <summary>
/// Creates pulses (every creation rule: <see cref="PulseCreationRules"/>), lists them, and moves runs through
/// their life: scheduled → open (the run's key, fan-out, reminder) → closing (no answers, nothing shown) →
/// closed (everything published at once; the run's participation, per-person work rows and key destroyed;
/// next run). See docs/anonymity.md.
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

    /// <summary>Checks a draft (and the audience against k) without creating anything.</summary>
    public async Task<PulseCreation> CheckAsync(PulseDraft draft, CancellationToken cancellationToken) =>
        PulseCreationRules.Check(draft, await directory.GetAsync(cancellationToken), time.GetUtcNow(), MinimumGroupSize).Check;

    /// <summary>Creates the pulse and schedules (or opens) its first run, or says by field why not.</summary>
    public Task<PulseCreation> CreateAsync(PulseDraft draft, CancellationToken cancellationToken) =>
        CreateAsync(draft, null, cancellationToken);

    /// <summary>The Teams form: its own rules (a question set, 1 to 30 days), then every rule of any draft.</summary>
    public async Task<PulseCreation> SubmitFormAsync(PulseFormData form, bool create, CancellationToken cancellationToken)
    {
        var (draft, formErrors) = PulseCreationRules.FromForm(form, time.GetUtcNow());
        return create
            ? await CreateAsync(draft, formErrors, cancellationToken)
            : PulseCreationRules.Check(draft, await directory.GetAsync(cancellationToken), time.GetUtcNow(), MinimumGroupSize, formErrors).Check;
    }

    /// <summary>How many people an audience is now, or the problems with it by field.</summary>
    public async Task<(IReadOnlyDictionary<string, string[]> Errors, int Count, string Description)> CountAudienceAsync(AudienceDraft? audience, CancellationToken cancellationToken)
    {
        var org = await directory.GetAsync(cancellationToken);
        var now = time.GetUtcNow();
        var draft = new PulseDraft { Title = "preview", Questions = [new QuestionDraft("rating", "preview")], Audience = audience ?? new AudienceDraft(), ClosesAt = now.AddDays(1) };
        var (valid, errors) = PulseDraftValidator.Validate(draft, now, org.Units);
        return valid is null ? (errors, 0, "") : (errors, AudienceResolver.Resolve(org, valid.Audience).Count, valid.Audience.Describe());
    }

    /// <summary>Every pulse with its runs, newest first: the one list the results card and the API show.</summary>
    public async Task<IReadOnlyList<PulseSummary>> ListAsync(CancellationToken cancellationToken)
    {
        var allRuns = await runs.ListAsync(cancellationToken);
        return (await definitions.ListAsync(cancellationToken))
            .OrderByDescending(d => d.FirstOpensAt)
            .Select(d => new PulseSummary(d, allRuns.Where(r => r.PulseId == d.Id).OrderBy(r => r.Sequence).ToList()))
            .ToList();
    }

    public async Task<PulseSummary?> FindAsync(string id, CancellationToken cancellationToken) =>
        await definitions.FindAsync(id, cancellationToken) is { } definition
            ? new PulseSummary(definition, await runs.ListForPulseAsync(id, cancellationToken))
            : null;

    private async Task<PulseCreation> CreateAsync(PulseDraft draft, IReadOnlyDictionary<string, string[]>? moreErrors, CancellationToken cancellationToken)
    {
        var (valid, check) = PulseCreationRules.Check(draft, await directory.GetAsync(cancellationToken), time.GetUtcNow(), MinimumGroupSize, moreErrors);
        if (valid is null)
        {
            return check;
        }

        var definition = PulseDefinition.Create("pu" + Guid.NewGuid().ToString("N")[..12], valid);
        await definitions.AddAsync(definition, cancellationToken);
        var run = await AddRunAsync(definition, 1, valid.OpensAt, cancellationToken);
        logger.LogInformation("Pulse {PulseId} created; first run {RunId} opens {OpensAt:u}.", definition.Id, run.Id, run.OpensAt);
        return check with { Definition = definition, Run = run };
    }

    private async Task<PulseRun> AddRunAsync(PulseDefinition definition, int sequence, DateTimeOffset opensAt, CancellationToken cancellationToken)
    {
        var run = new PulseRun(PulseRun.RunId(definition.Id, sequence), definition.Id, sequence, opensAt, opensAt + definition.OpenFor);
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
        if (run.Status is RunStatus.Closing or RunStatus.Closed)
        {
            return; // a late repeat of the open: the run already closed, and its key may be gone
        }

        // Before the run opens, so no card can be answered without it. Idempotent across retries and instances.
        await keys.GetOrCreateAsync(run.Id, cancellationToken);
        if (run.Status == RunStatus.Scheduled)
        {
            var audience = AudienceResolver.Resolve(await directory.GetAsync(cancellationToken), definition.Audience).Count;
            var (outcome, now) = await runs.UpdateAsync(run.Id, r => r.Opened(audience), cancellationToken);
            run = outcome == TableUpdateOutcome.NotFound ? throw new PulseGoneException(runId) : now!;
            if (run.Status is RunStatus.Closing or RunStatus.Closed)
            {
                return; // closed early while this open was under way
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
        if (run.Status is RunStatus.Scheduled or RunStatus.Open)
        {
            var (outcome, closing) = await runs.UpdateAsync(run.Id, r => r.StartClosing(now), cancellationToken);
            run = closing ?? throw new PulseGoneException(runId);
            if (outcome == TableUpdateOutcome.Written)
            {
                await scheduler.CancelAsync(run.Id + ".close", cancellationToken);
                await scheduler.CancelAsync(run.Id + ".remind", cancellationToken);
            }
        }

        if (run.Status == RunStatus.Closing)
        {
            if (now < (run.ClosingSince ?? now) + options.Value.CloseGrace)
            {
                return false;
            }

            var runKey = await keys.FindAsync(run.Id, cancellationToken)
                ?? throw new InvalidOperationException($"Run {run.Id} is closing but its key is gone: it cannot be published.");
            var published = await publisher.PublishAsync(runKey, definition.Questions, cancellationToken);
            var (outcome, closed) = await runs.UpdateAsync(run.Id, r => r.Published(), cancellationToken);
            run = closed ?? throw new PulseGoneException(runId);
            if (outcome == TableUpdateOutcome.Written)
            {
                logger.LogInformation("Run {RunId} published: {Count} responses.", run.Id, published);
                await ScheduleNextRunAsync(definition, run, cancellationToken);
            }
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

    private async Task ScheduleNextRunAsync(PulseDefinition definition, PulseRun run, CancellationToken cancellationToken)
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

/// <summary>A pulse with its runs in order; <see cref="Latest"/> is the newest run, if any.</summary>
public sealed record PulseSummary(PulseDefinition Definition, IReadOnlyList<PulseRun> Runs)
{
    public PulseRun? Latest => Runs.MaxBy(r => r.Sequence);
}

/// <summary>A run or pulse that work refers to no longer exists: nothing to do, ever.</summary>
public sealed class PulseGoneException(string id) : Exception($"Pulse or run '{id}' does not exist.");

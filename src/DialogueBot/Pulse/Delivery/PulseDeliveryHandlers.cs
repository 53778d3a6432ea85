using DialogueBot.Cards;
using DialogueBot.Conversations;
using DialogueBot.Conversations.Delivery;
using DialogueBot.Infrastructure.Anonymity;
using DialogueBot.Infrastructure.Anonymity.ScopeKeys;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Org;
using DialogueBot.Pulse.Cards;
using DialogueBot.Pulse.Deliveries;
using DialogueBot.Pulse.Definitions;
using DialogueBot.Pulse.Lifecycle;
using DialogueBot.Pulse.Model;
using DialogueBot.Pulse.Runs;
using DialogueBot.Pulse.Submissions;
using Microsoft.Extensions.Options;

namespace DialogueBot.Pulse.Delivery;

/// <summary>pulse.fanout: one pulse.deliver per audience member (keys: run id + org-chart id; the ledger runs each once).</summary>
public sealed class PulseFanoutHandler(PulseRunRepository runs, PulseDefinitionRepository definitions, OrgDirectory directory, WorkQueue work, DeliveryReports reports) : IWorkHandler
{
    public string Kind => PulseWorkKinds.Fanout;

    public async Task<WorkResult> HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var run = await runs.FindAsync(item.PayloadAs<RunPayload>().RunId, cancellationToken);
        var definition = run is null ? null : await definitions.FindAsync(run.PulseId, cancellationToken);
        if (run is null || definition is null)
        {
            return WorkResult.Fail("The run or its pulse no longer exists.");
        }

        var audience = AudienceResolver.Resolve(await directory.GetAsync(cancellationToken), definition.Audience);
        await reports.StartAsync(PulseDeliveryReports.Run(run.Id), audience.Count, cancellationToken);
        await Parallel.ForEachAsync(audience, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (person, ct) =>
            await work.EnqueueAsync(PulseWorkKinds.Deliver, $"{run.Id}.{person.Id}", new PersonPayload(run.Id, person.Id), cancellationToken: ct));
        return WorkResult.Done;
    }
}

/// <summary>
/// pulse.deliver and pulse.reminder: sends the pulse card (or the reminder) to one person's 1:1 chat,
/// in their working hours, through the rate-limited messenger. Throttling comes back as RetryAfter.
/// </summary>
public sealed class PulseSendHandler(
    string kind,
    PulseRunRepository runs,
    PulseDefinitionRepository definitions,
    PulseDeliveryRepository deliveries,
    PulseSubmissionRepository submissions,
    IScopeKeyStore keys,
    OrgDirectory directory,
    ProactiveMessenger messenger,
    DeliveryReports reports,
    IOptions<PulseOptions> options,
    IOptions<OrgOptions> orgOptions,
    IOptions<AnonymityOptions> anonymity,
    PersonClocks clocks,
    TimeProvider time,
    ILogger<PulseSendHandler> logger) : IWorkHandler
{
    private const int RecordAttempts = 3;

    public string Kind => kind;

    public async Task<WorkResult> HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var payload = item.PayloadAs<PersonPayload>();
        var run = await runs.FindAsync(payload.RunId, cancellationToken);
        var definition = run is null ? null : await definitions.FindAsync(run.PulseId, cancellationToken);
        if (run is null || definition is null)
        {
            return WorkResult.Fail("The run or its pulse no longer exists.");
        }

        var now = time.GetUtcNow();
        var person = (await directory.GetAsync(cancellationToken)).FindById(payload.PersonId);
        if (!run.IsOpenAt(now) || person is null || !AudienceResolver.Includes(definition.Audience, person))
        {
            return WorkResult.Done; // closed, left, or no longer in the audience: nothing to send
        }

        var wait = QuietHours.WaitFor(now, person, orgOptions.Value, options.Value);
        if (wait > TimeSpan.Zero)
        {
            return now + wait >= run.ClosesAt ? WorkResult.Done : WorkResult.RetryAfter(wait, "outside the recipient's working hours");
        }

        if (!payload.Reminder && await deliveries.WasDeliveredAsync(run.Id, person, cancellationToken))
        {
            return WorkResult.Done;
        }

        var card = PulseQuestionCard.Build(definition, run, anonymity.Value.MinimumGroupSize, reminder: payload.Reminder, time: clocks.For(person));
        var message = card.ToMessage(payload.Reminder ? $"Reminder: {definition.Title}" : $"New pulse: {definition.Title}");
        var result = await messenger.SendAsync(person, async ct => payload.Reminder && await HasAnsweredAsync(run.Id, person, ct) ? null : message, cancellationToken);
        // A reminder's report says only "handled": whether it was sent or skipped is whether they answered.
        await reports.RecordAsync(payload.Reminder ? PulseDeliveryReports.Reminder(run.Id) : PulseDeliveryReports.Run(run.Id), payload.Reminder ? ReportDetail.HandledOnly : ReportDetail.CountsOnly, item, result, cancellationToken);
        switch (result.Outcome)
        {
            case ProactiveOutcome.Sent:
                if (!payload.Reminder)
                {
                    await RecordDeliveredAsync(run.Id, person, cancellationToken);
                }

                return WorkResult.Done;
            case ProactiveOutcome.Throttled:
                return WorkResult.RetryAfter(result.RetryAfter ?? TimeSpan.FromSeconds(30), "Teams asked us to slow down");
            default:
                return WorkResult.Done; // not installed (the install listener catches them up) or gone
        }
    }

    /// <summary>
    /// Decided at send time and forgotten: every audience member has a reminder item, so neither the queue nor
    /// the ledger holds a list of who has not answered (and the messenger reads storage alike for both).
    /// </summary>
    private async Task<bool> HasAnsweredAsync(string runId, OrgPerson person, CancellationToken cancellationToken) =>
        await keys.FindAsync(runId, cancellationToken) is not { } runKey
        || person.AadObjectId is null
        || await submissions.HasAnsweredAsync(runKey, person.AadObjectId, cancellationToken);

    /// <summary>
    /// The card is already in the person's chat. Failing to write that down must not become a retry: the
    /// retry would find no delivery record and send the card a second time (found by the storage-outage
    /// fault test: every card in flight when storage went away arrived twice). So: try a few times, then
    /// report Done anyway. The work ledger, which the worker keeps trying to mark done while its claim
    /// holds, is what stops a second send; a lost row only costs the late-joiner check and the count.
    /// </summary>
    private async Task RecordDeliveredAsync(string runId, OrgPerson person, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await deliveries.RecordAsync(runId, person, cancellationToken);
                return;
            }
            catch (Exception ex) when (attempt < RecordAttempts && !cancellationToken.IsCancellationRequested)
            {
                logger.LogDebug("Could not record a pulse delivery yet (attempt {Attempt}): {Message}", attempt, ex.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(500 * attempt), CancellationToken.None);
            }
            catch (Exception ex)
            {
                logger.LogWarning("Pulse card sent but its delivery record could not be written; the work ledger still stops a resend: {Message}", ex.Message);
                return;
            }
        }
    }
}

/// <summary>
/// pulse.remind: one reminder item per audience member, whether or not they answered; each item decides at
/// send time (PulseSendHandler). Enqueuing only for non-respondents would write the list of them into the
/// queue and the ledger.
/// </summary>
public sealed class PulseRemindHandler(PulseRunRepository runs, PulseDefinitionRepository definitions, OrgDirectory directory, WorkQueue work, DeliveryReports reports, TimeProvider time) : IWorkHandler
{
    public string Kind => PulseWorkKinds.Remind;

    public async Task<WorkResult> HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var run = await runs.FindAsync(item.PayloadAs<RunPayload>().RunId, cancellationToken);
        var definition = run is null ? null : await definitions.FindAsync(run.PulseId, cancellationToken);
        if (run is null || definition is null || !run.IsOpenAt(time.GetUtcNow()))
        {
            return WorkResult.Done;
        }

        var audience = AudienceResolver.Resolve(await directory.GetAsync(cancellationToken), definition.Audience);
        await reports.StartAsync(PulseDeliveryReports.Reminder(run.Id), audience.Count(p => p.AadObjectId is not null), cancellationToken);
        await Parallel.ForEachAsync(audience.Where(p => p.AadObjectId is not null), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (person, ct) =>
            await work.EnqueueAsync(PulseWorkKinds.Reminder, $"{run.Id}.{person.Id}.reminder", new PersonPayload(run.Id, person.Id, Reminder: true), cancellationToken: ct));

        return WorkResult.Done;
    }
}

/// <summary>Catches a late joiner up: open pulses they are in the audience of and did not get yet.</summary>
public sealed class PulseInstallListener(PulseRunRepository runs, PulseDefinitionRepository definitions, PulseDeliveryRepository deliveries, WorkQueue work, TimeProvider time) : IInstallListener
{
    public async Task OnInstalledAsync(OrgPerson person, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var run in (await runs.ListAsync(cancellationToken)).Where(r => r.IsOpenAt(now)))
        {
            var definition = await definitions.FindAsync(run.PulseId, cancellationToken);
            if (definition is null || !AudienceResolver.Includes(definition.Audience, person) || await deliveries.WasDeliveredAsync(run.Id, person, cancellationToken))
            {
                continue;
            }

            await work.EnqueueAsync(PulseWorkKinds.Deliver, $"{run.Id}.{person.Id}.join", new PersonPayload(run.Id, person.Id), cancellationToken: cancellationToken);
        }
    }
}

/// <summary>The fan-out names of a run's delivery reports: the pulse card (counts only) and its reminder (handled only).</summary>
public static class PulseDeliveryReports
{
    public static string Run(string runId) => $"pulse.{runId}";

    public static string Reminder(string runId) => $"pulse.{runId}.reminder";
}

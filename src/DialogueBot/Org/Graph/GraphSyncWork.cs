using System.Globalization;
using DialogueBot.Conversations;
using DialogueBot.Infrastructure.Scheduling;
using DialogueBot.Infrastructure.Work;
using Microsoft.Extensions.Options;

namespace DialogueBot.Org.Graph;

/// <summary>
/// The sync as work: scheduled once per interval slot ("graph.sync.202612011200"), so the work ledger
/// runs each slot once across instances, or on demand ("graph.sync.now.…"). A slot schedules the next one
/// before it syncs, so a long Graph outage, which makes this slot retry, never breaks the chain.
/// </summary>
public sealed class GraphSyncHandler(GraphOrgSync sync, Scheduler scheduler, IOptions<GraphOptions> options, ILogger<GraphSyncHandler> logger) : IWorkHandler
{
    public const string SyncKind = "graph.sync";

    public string Kind => SyncKind;

    public static DateTimeOffset SlotOf(DateTimeOffset at, TimeSpan interval) =>
        new(at.UtcTicks - at.UtcTicks % interval.Ticks, TimeSpan.Zero);

    public static string KeyFor(DateTimeOffset slot) => SyncKind + "." + slot.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);

    public static string OnDemandKey() => SyncKind + ".now." + Guid.NewGuid().ToString("N");

    public async Task<WorkResult> HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return WorkResult.Done; // Graph was switched off since this was scheduled: the chain ends here
        }

        var payload = item.PayloadAs<GraphSyncPayload>();
        if (payload.Slot is { } slot && item.Attempts == 0)
        {
            var next = slot + options.Value.SyncInterval;
            await scheduler.ScheduleAsync(SyncKind, KeyFor(next), new GraphSyncPayload(next), next, cancellationToken);
        }

        try
        {
            var result = await sync.SyncAsync(cancellationToken);
            logger.LogInformation("Graph sync {Key}: {Outcome}.", item.Key, result.Outcome);
            return WorkResult.Done;
        }
        catch (GraphUnavailableException ex)
        {
            // Nothing was applied: the chart in force stays, and the same changes are read again next time.
            return WorkResult.RetryAfter(ex.RetryAfter is { } wait && wait > TimeSpan.Zero ? wait : TimeSpan.FromMinutes(1), ex.Message);
        }
        catch (OrgImportConflictException ex)
        {
            return WorkResult.RetryAfter(TimeSpan.FromSeconds(10), ex.Message);
        }
    }
}

public sealed record GraphSyncPayload(DateTimeOffset? Slot);

/// <summary>At start, makes sure the current slot's sync is scheduled (the chain has to begin somewhere).</summary>
public sealed class GraphSyncStarter(Scheduler scheduler, IOptions<GraphOptions> options, TimeProvider time, ILogger<GraphSyncStarter> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled || !options.Value.ScheduleSync)
        {
            return;
        }

        var slot = GraphSyncHandler.SlotOf(time.GetUtcNow(), options.Value.SyncInterval);
        try
        {
            if (await scheduler.FindAsync(GraphSyncHandler.KeyFor(slot + options.Value.SyncInterval), cancellationToken) is not null)
            {
                return; // this slot ran and scheduled the next
            }

            await scheduler.ScheduleAsync(GraphSyncHandler.SyncKind, GraphSyncHandler.KeyFor(slot), new GraphSyncPayload(slot), time.GetUtcNow(), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Could not schedule the Graph sync at start: {Message}", ex.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Sends one HR reviewer the review card of a proposal (one work item each, so a throttled send is retried alone).</summary>
public sealed class GraphReviewNotifyHandler(GraphSyncStore store, GraphOrgSync sync, ProactiveMessenger messenger) : IWorkHandler
{
    public const string NotifyKind = "graph.review";

    public string Kind => NotifyKind;

    public async Task<WorkResult> HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var payload = item.PayloadAs<GraphReviewPayload>();
        var proposal = await store.GetProposalAsync(cancellationToken);
        if (proposal is null || proposal.ProposalId != payload.ProposalId)
        {
            return WorkResult.Done; // applied, rejected or replaced meanwhile
        }

        var reviewer = await sync.FindReviewerAsync(proposal, payload.PersonId, cancellationToken);
        if (reviewer is null)
        {
            return WorkResult.Done;
        }

        var firstImport = await store.GetStateAsync(cancellationToken) is null;
        var card = GraphReviewCard.Build(proposal, firstImport);
        var result = await messenger.SendAsync(reviewer, card.ToMessage(card.FallbackText), cancellationToken);
        return result.Outcome == ProactiveOutcome.Throttled
            ? WorkResult.RetryAfter(result.RetryAfter ?? TimeSpan.FromSeconds(30), "Teams asked us to slow down")
            : WorkResult.Done;
    }
}

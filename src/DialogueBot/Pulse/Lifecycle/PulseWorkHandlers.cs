using DialogueBot.Infrastructure.Work;
using DialogueBot.Pulse.Definitions;
using DialogueBot.Pulse.Responses;
using DialogueBot.Pulse.Runs;

namespace DialogueBot.Pulse.Lifecycle;

/// <summary>pulse.open: a scheduled run opens.</summary>
public sealed class PulseOpenHandler(PulseService service) : IWorkHandler
{
    public string Kind => PulseWorkKinds.Open;

    public async Task<WorkResult> HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        try
        {
            await service.OpenAsync(item.PayloadAs<RunPayload>().RunId, cancellationToken);
            return WorkResult.Done;
        }
        catch (PulseGoneException ex)
        {
            return WorkResult.Fail(ex.Message);
        }
    }
}

/// <summary>pulse.close: publish everything, results open, the run's participation and key are destroyed, the next run is scheduled.</summary>
public sealed class PulseCloseHandler(PulseService service) : IWorkHandler
{
    public string Kind => PulseWorkKinds.Close;

    public async Task<WorkResult> HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        try
        {
            return await service.CloseAsync(item.PayloadAs<RunPayload>().RunId, cancellationToken)
                ? WorkResult.Done
                : WorkResult.RetryAfter(TimeSpan.FromSeconds(5), "the run is closing: waiting for answers in flight, or another instance changed it");
        }
        catch (PulseGoneException ex)
        {
            return WorkResult.Fail(ex.Message);
        }
    }
}

/// <summary>
/// pulse.flush: retired (answers are now published only at close). Kept so that a flush job scheduled by an
/// older version completes quietly instead of being parked as poison.
/// </summary>
public sealed class PulseRetiredFlushHandler : IWorkHandler
{
    public string Kind => PulseWorkKinds.Flush;

    public Task<WorkResult> HandleAsync(WorkItem item, CancellationToken cancellationToken) => Task.FromResult(WorkResult.Done);
}

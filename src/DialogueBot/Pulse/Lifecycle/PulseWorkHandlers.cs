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

/// <summary>pulse.close: the final flush, results open, the next run is scheduled.</summary>
public sealed class PulseCloseHandler(PulseService service) : IWorkHandler
{
    public string Kind => PulseWorkKinds.Close;

    public async Task<WorkResult> HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        try
        {
            return await service.CloseAsync(item.PayloadAs<RunPayload>().RunId, cancellationToken)
                ? WorkResult.Done
                : WorkResult.RetryAfter(TimeSpan.FromSeconds(10), "another instance is flushing the run");
        }
        catch (PulseGoneException ex)
        {
            return WorkResult.Fail(ex.Message);
        }
    }
}

/// <summary>pulse.flush: periodic move of pending answers while the run is open (only once k are waiting).</summary>
public sealed class PulseFlushHandler(PulseService service, PulseFlusher flusher, PulseRunRepository runs, PulseDefinitionRepository definitions) : IWorkHandler
{
    public string Kind => PulseWorkKinds.Flush;

    public async Task<WorkResult> HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var payload = item.PayloadAs<FlushPayload>();
        var run = await runs.FindAsync(payload.RunId, cancellationToken);
        var definition = run is null ? null : await definitions.FindAsync(run.PulseId, cancellationToken);
        if (run is null || definition is null || run.Status != PulseRunEntity.Open)
        {
            return WorkResult.Done; // closed meanwhile: the close did the final flush
        }

        if (!await flusher.FlushAsync(run.Id, definition.QuestionList, final: false, cancellationToken))
        {
            return WorkResult.RetryAfter(TimeSpan.FromSeconds(30), "another instance is flushing the run");
        }

        await service.ScheduleFlushAsync(run, payload.Round + 1, cancellationToken);
        return WorkResult.Done;
    }
}

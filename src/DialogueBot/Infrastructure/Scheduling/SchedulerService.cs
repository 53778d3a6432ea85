using Microsoft.Extensions.Options;

namespace DialogueBot.Infrastructure.Scheduling;

/// <summary>Polls for due jobs in every instance. Storage outages only delay the next poll.</summary>
public sealed class SchedulerService(Scheduler scheduler, IOptions<SchedulerOptions> options, TimeProvider time, ILogger<SchedulerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunScheduler)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var moved = await scheduler.DispatchDueAsync(options.Value.Lease, stoppingToken);
                if (moved > 0)
                {
                    logger.LogInformation("Scheduler moved {Count} due jobs to the work queue.", moved);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning("Scheduler poll failed; will try again: {Message}", ex.Message);
            }

            try
            {
                await Task.Delay(options.Value.PollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

public sealed class SchedulerOptions
{
    public const string SectionName = "Scheduler";

    public bool RunScheduler { get; set; } = true;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);
}

using DialogueBot.Infrastructure.Scheduling;
using DialogueBot.Infrastructure.Storage;

namespace DialogueBot.Infrastructure.Work;

public static class WorkServiceCollectionExtensions
{
    /// <summary>The durable queue, its ledger and poison table, the scheduler, and the two background loops.</summary>
    public static IServiceCollection AddWork(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WorkOptions>().Bind(configuration.GetSection(WorkOptions.SectionName));
        services.AddOptions<SchedulerOptions>().Bind(configuration.GetSection(SchedulerOptions.SectionName));
        services.AddTable(WorkLedger.TableName).AddTable(PoisonWork.TableName).AddTable(Scheduler.TableName).AddQueue(WorkQueue.QueueName);
        services.AddSingleton<WorkSeal>();
        services.AddSingleton<WorkQueue>();
        services.AddSingleton<WorkLedger>();
        services.AddSingleton<PoisonWork>();
        services.AddSingleton<Scheduler>();
        services.AddSingleton<WorkQueueWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<WorkQueueWorker>());
        services.AddSingleton<SchedulerService>();
        services.AddHostedService(sp => sp.GetRequiredService<SchedulerService>());
        return services;
    }

    /// <summary>Registers the handler of one work kind (its <see cref="IWorkHandler.Kind"/>, a constant of the feature's <c>…WorkKinds</c>).</summary>
    public static IServiceCollection AddWorkHandler<THandler>(this IServiceCollection services)
        where THandler : class, IWorkHandler =>
        services.AddSingleton<IWorkHandler, THandler>();

    /// <summary>
    /// Registers one class as the handler of <paramref name="kind"/> when it serves several kinds alike (the
    /// pulse card and its reminder): the class takes its kind as a constructor argument and returns it as
    /// <see cref="IWorkHandler.Kind"/>. Call once per kind.
    /// </summary>
    public static IServiceCollection AddWorkHandler<THandler>(this IServiceCollection services, string kind)
        where THandler : class, IWorkHandler =>
        services.AddSingleton<IWorkHandler>(sp => ActivatorUtilities.CreateInstance<THandler>(sp, kind));
}

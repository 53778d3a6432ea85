using DialogueBot.BotFramework.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using DialogueBot.Conversations;
using DialogueBot.Demo;
using DialogueBot.Help;
using DialogueBot.Infrastructure.Storage;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Insights;
using DialogueBot.Pulse.Aggregates;
using DialogueBot.Pulse.Answering;
using DialogueBot.Pulse.Definitions;
using DialogueBot.Pulse.Deliveries;
using DialogueBot.Pulse.Delivery;
using DialogueBot.Pulse.Lifecycle;
using DialogueBot.Pulse.Responses;
using DialogueBot.Pulse.Results;
using DialogueBot.Pulse.Runs;
using DialogueBot.Pulse.Submissions;

namespace DialogueBot.Pulse;

/// <summary>Pulse surveys: define, deliver as cards, answer in place, store anonymously, aggregate behind the threshold. See docs/anonymity.md.</summary>
public static class PulseFeature
{
    public static IServiceCollection AddPulse(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PulseOptions>().Bind(configuration.GetSection(PulseOptions.SectionName))
            .Validate(o => o.WorkdayStartHour is >= 0 and < 24 && o.WorkdayEndHour is > 0 and <= 24 && o.WorkdayStartHour < o.WorkdayEndHour, "Pulse:WorkdayStartHour must come before Pulse:WorkdayEndHour (0–24).")
            .ValidateOnStart();

        services.AddTable(PulseDefinitionRepository.TableName)
            .AddTable(PulseRunRepository.TableName)
            .AddTable(PulseDeliveryRepository.TableName)
            .AddTable(PulseSubmissionRepository.TableName)
            .AddTable(PulseResponseRepository.TableName)
            .AddTable(PulseAggregateRepository.TableName);
        services.AddSingleton<PulseDefinitionRepository>();
        services.AddSingleton<PulseRunRepository>();
        services.AddSingleton<PulseDeliveryRepository>();
        services.AddSingleton<PulseSubmissionRepository>();
        services.AddSingleton<PulseResponseRepository>();
        services.AddSingleton<PulseAggregateRepository>();
        services.AddSingleton<PulsePublisher>();
        services.AddSingleton<PulseService>();
        services.AddSingleton<PulseAnswering>();
        services.AddSingleton<PulseResultsService>();

        services.AddWorkHandler<PulseOpenHandler>();
        services.AddWorkHandler<PulseCloseHandler>();
        services.AddWorkHandler<PulseRetiredFlushHandler>();
        services.AddWorkHandler<PulseFanoutHandler>();
        services.AddWorkHandler<PulseRemindHandler>();
        services.AddWorkHandler<PulseSendHandler>(PulseWorkKinds.Deliver);
        services.AddWorkHandler<PulseSendHandler>(PulseWorkKinds.Reminder);
        services.AddSingleton<IInstallListener, PulseInstallListener>();

        services.AddBotRoutes<PulseRoutes>();
        services.AddSingleton<PulseHelp>();
        services.AddSingleton<IHelpContributor>(sp => sp.GetRequiredService<PulseHelp>());
        services.AddSingleton<IBotCommandSource>(sp => sp.GetRequiredService<PulseHelp>());
        services.AddSingleton<IDemoSeed, PulseDemoSeed>();

        // Replaces the "nothing to say" default (registered with TryAdd in DialogueBotHost).
        services.AddSingleton<IPulseInsights, PulseInsights>();

        // "No comment threads" unless the Loop feature registers the real ones (its AddSingleton wins either way).
        services.TryAddSingleton<ICommentThreads, NoCommentThreads>();
        return services;
    }
}

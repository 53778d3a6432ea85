using DialogueBot.BotFramework.Hosting;
using DialogueBot.Demo;
using DialogueBot.Help;
using DialogueBot.Infrastructure.Storage;
using DialogueBot.Infrastructure.Work;
using DialogueBot.SkipLevel.Pairs;
using DialogueBot.SkipLevel.Programmes;
using DialogueBot.SkipLevel.Prompts;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DialogueBot.SkipLevel;

/// <summary>Skip-level meetings: HR schedules a programme, the bot pairs leaders with managers two levels down and prompts both sides.</summary>
public static class SkipLevelFeature
{
    public static IServiceCollection AddSkipLevel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTable(SkipLevelProgrammeRepository.TableName).AddTable(SkipLevelPairRepository.TableName);
        services.AddSingleton<SkipLevelProgrammeRepository>();
        services.AddSingleton<SkipLevelPairRepository>();
        services.AddSingleton<SkipLevelService>();
        services.AddSingleton<SkipLevelPairService>();
        services.AddTransient<AgendaBuilder>();
        services.AddTransient<PairCardFactory>();
        foreach (var kind in new[] { SkipLevelWorkKinds.Prompt, SkipLevelWorkKinds.Reminder, SkipLevelWorkKinds.FollowUp, SkipLevelWorkKinds.Notify })
        {
            services.AddWorkHandler<SkipLevelMessageHandler>(kind);
        }

        services.AddWorkHandler<SkipLevelCycleHandler>();
        services.AddWorkHandler<Invites.SkipLevelInviteHandler>();
        // Graph's calendar registers itself in its place when Graph is configured; until then the .ics stands in.
        services.TryAddSingleton<Invites.ISkipLevelCalendar, Invites.NoSkipLevelCalendar>();
        services.AddSingleton<SkipLevelHelp>();
        services.AddSingleton<IHelpContributor>(sp => sp.GetRequiredService<SkipLevelHelp>());
        services.AddSingleton<IBotCommandSource>(sp => sp.GetRequiredService<SkipLevelHelp>());
        services.AddSingleton<IDemoSeed, SkipLevelDemoSeed>();
        services.AddBotRoutes<SkipLevelRoutes>();
        return services;
    }
}

using DialogueBot.BotFramework.Hosting;

namespace DialogueBot.Help;

/// <summary>"help" and the answers for what the bot does not understand; each feature adds its own topics (IHelpContributor).</summary>
public static class HelpFeature
{
    public static IServiceCollection AddHelp(this IServiceCollection services)
    {
        services.AddSingleton<HelpCard>();
        services.AddSingleton<CoreHelp>();
        services.AddSingleton<IHelpContributor>(sp => sp.GetRequiredService<CoreHelp>());
        services.AddSingleton<IBotCommandSource>(sp => sp.GetRequiredService<CoreHelp>());
        services.AddBotRoutes<HelpRoutes>();
        return services;
    }
}

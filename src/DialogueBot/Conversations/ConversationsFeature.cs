using DialogueBot.BotFramework.Hosting;
using DialogueBot.Infrastructure.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DialogueBot.Conversations;

/// <summary>Installs, the conversation references they leave, and proactive messages into people's 1:1 chats.</summary>
public static class ConversationsFeature
{
    public static IServiceCollection AddConversations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ProactiveOptions>().Bind(configuration.GetSection(ProactiveOptions.SectionName));
        services.AddTable(ConversationReferenceRepository.TableName);
        services.AddSingleton<ConversationReferenceRepository>();
        services.AddSingleton<ProactiveRateLimiter>();
        services.AddTransient<ProactiveMessenger>();
        services.TryAddSingleton<IProactiveInstaller, NoProactiveInstaller>();
        services.AddBotRoutes<InstallRoutes>();
        return services;
    }
}

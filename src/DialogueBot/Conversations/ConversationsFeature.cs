using DialogueBot.BotFramework.Connector;
using DialogueBot.BotFramework.Hosting;
using DialogueBot.Conversations.Budget;
using DialogueBot.Conversations.Delivery;
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
        services.AddTable(DeliveryReports.TableName);
        services.AddSingleton<DeliveryReports>();
        services.AddTable(SendBudget.TableName);
        services.AddSingleton<SendBudget>();
        services.AddHostedService(sp => sp.GetRequiredService<SendBudget>());
        services.AddSingleton<ConversationRateLimits>();
        services.AddTransient<ProactiveSendHandler>();
        // Appended after the protocol's retry handler, so it runs inside it: once per attempt on the wire.
        services.AddHttpClient(nameof(IConnectorClient)).AddHttpMessageHandler<ProactiveSendHandler>();
        services.AddTransient<ProactiveMessenger>();
        services.TryAddSingleton<IProactiveInstaller, NoProactiveInstaller>();
        services.AddBotRoutes<InstallRoutes>();
        return services;
    }
}

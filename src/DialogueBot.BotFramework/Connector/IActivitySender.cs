using DialogueBot.BotFramework.Schema;

namespace DialogueBot.BotFramework.Connector;

/// <summary>
/// Sends and updates activities in a conversation. The default sends straight through the Connector; an
/// application can replace it with one that parks a message in a durable queue when the Connector fails.
/// </summary>
public interface IActivitySender
{
    Task<ResourceResponse> SendAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken);

    Task<ResourceResponse> UpdateAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken);
}

/// <summary>Sends directly through the Connector client.</summary>
public sealed class ConnectorActivitySender(IConnectorClient connector) : IActivitySender
{
    public Task<ResourceResponse> SendAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken) =>
        connector.SendToConversationAsync(serviceUrl, conversationId, activity, cancellationToken);

    public Task<ResourceResponse> UpdateAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) =>
        connector.UpdateActivityAsync(serviceUrl, conversationId, activityId, activity, cancellationToken);
}

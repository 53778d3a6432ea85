using DialogueBot.BotFramework.Schema;

namespace DialogueBot.BotFramework.Connector;

/// <summary>The Bot Connector REST API v3 calls a Teams bot makes. Every call names the serviceUrl to use.</summary>
public interface IConnectorClient
{
    /// <summary>POST /v3/conversations/{conversationId}/activities</summary>
    Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken = default);

    /// <summary>POST /v3/conversations/{conversationId}/activities/{activityId}</summary>
    Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default);

    /// <summary>PUT /v3/conversations/{conversationId}/activities/{activityId}</summary>
    Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default);

    /// <summary>DELETE /v3/conversations/{conversationId}/activities/{activityId}</summary>
    Task DeleteActivityAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken = default);

    /// <summary>POST /v3/conversations — creates the 1:1 chat (or returns the one that exists).</summary>
    Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken = default);

    /// <summary>GET /v3/conversations/{conversationId}/members/{memberId}</summary>
    Task<TeamsChannelAccount> GetConversationMemberAsync(string serviceUrl, string conversationId, string memberId, CancellationToken cancellationToken = default);
}

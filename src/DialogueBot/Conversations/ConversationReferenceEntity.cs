using Azure;
using Azure.Data.Tables;

namespace DialogueBot.Conversations;

/// <summary>
/// How to reach one person in their 1:1 chat with the bot. This table (with the org chart) is where
/// identities live; no feature table holds them. Keyed by the person's AAD object id (lower case).
/// </summary>
public sealed class ConversationReferenceEntity : ITableEntity
{
    public const string PersonalPartition = "user";
    public const string TeamPartition = "team";

    public string PartitionKey { get; set; } = PersonalPartition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>The channel's id for the user ("29:…").</summary>
    public string? UserId { get; set; }
    public string? ConversationId { get; set; }
    public string ServiceUrl { get; set; } = "";
    public string? TenantId { get; set; }
    public string? BotId { get; set; }
    public string ChannelId { get; set; } = "msteams";
    public DateTimeOffset InstalledAt { get; set; }
    /// <summary>The conversation the welcome card went to, so a repeated install event does not welcome twice.</summary>
    public string? WelcomedConversationId { get; set; }
    /// <summary>The install event (its activity id) the welcome card answered: each install is greeted once, however often Teams retries its event.</summary>
    public string? WelcomedInstallId { get; set; }
    /// <summary>Set when Teams answered 403/404 (the app removed or blocked) or an install was refused by policy.</summary>
    public DateTimeOffset? UnreachableSince { get; set; }
    /// <summary>Why (<see cref="UnreachableReason"/> by name); a row with no conversation and this set records a blocked install.</summary>
    public string? UnreachableReason { get; set; }

    /// <summary>The recorded reason, or null when reachable.</summary>
    public Conversations.UnreachableReason? Unreachable =>
        UnreachableSince is null ? null : Enum.TryParse<Conversations.UnreachableReason>(UnreachableReason, out var reason) ? reason : Conversations.UnreachableReason.Blocked;
}

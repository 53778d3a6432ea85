using System.Text.Json;
using DialogueBot.BotFramework.Cards;

namespace DialogueBot.Pulse.Answering;

/// <summary>
/// "Leaders may reply to me anonymously": a toggle under a pulse with a free-text question, off by default.
/// Ticked, the author's comments get a reply button in the results; the relay (Loop) reaches them without
/// anyone, the leader included, learning who they are.
/// </summary>
public static class ReplyOptIn
{
    public const string InputId = "replyOk";

    public static InputToggle Toggle() => new()
    {
        Id = InputId,
        Title = "Leaders may reply to me anonymously (they will not learn who I am)",
        Value = "false",
        ValueOn = "true",
        ValueOff = "false",
        Wrap = true,
        Spacing = Spacing.Medium,
    };

    /// <summary>The chat a press came from, as the turn gives it (read from no table).</summary>
    public static Insights.ReplyAddress? AddressOf(BotFramework.Schema.Activity activity) =>
        activity is { ServiceUrl: { Length: > 0 } serviceUrl, Conversation.Id: { Length: > 0 } conversationId, From.AadObjectId: { Length: > 0 } aad }
            ? new Insights.ReplyAddress(serviceUrl, conversationId, aad, activity.Conversation.TenantId, activity.ChannelId)
            : null;

    /// <summary>True only for an explicit "true" (an input sends strings; anything else is "no").</summary>
    public static bool IsTicked(IReadOnlyDictionary<string, JsonElement>? inputs) =>
        inputs is not null && inputs.TryGetValue(InputId, out var value)
        && value.ValueKind == JsonValueKind.String && string.Equals(value.GetString(), "true", StringComparison.OrdinalIgnoreCase);
}

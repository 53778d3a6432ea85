using System.Text.Json;
using System.Text.Json.Serialization;

namespace DialogueBot.BotFramework.Schema;

/// <summary>
/// An Activity as defined by the Bot Framework Activity schema v3: only the protocol's own fields, plus
/// <see cref="Properties"/> so that anything the channel sends which this type does not name survives a
/// read-modify-write round trip unchanged.
/// </summary>
public sealed class Activity
{
    public string Type { get; set; } = ActivityTypes.Message;
    public string? Id { get; set; }
    public DateTimeOffset? Timestamp { get; set; }
    public DateTimeOffset? LocalTimestamp { get; set; }
    public string? LocalTimezone { get; set; }
    public string? ServiceUrl { get; set; }
    public string? ChannelId { get; set; }
    public ChannelAccount? From { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public ChannelAccount? Recipient { get; set; }
    public string? TextFormat { get; set; }
    public string? AttachmentLayout { get; set; }
    public IList<ChannelAccount>? MembersAdded { get; set; }
    public IList<ChannelAccount>? MembersRemoved { get; set; }
    public string? Locale { get; set; }
    public string? Text { get; set; }
    public string? Speak { get; set; }
    public string? InputHint { get; set; }
    public string? Summary { get; set; }
    public IList<Attachment>? Attachments { get; set; }
    public IList<Entity>? Entities { get; set; }
    public TeamsChannelData? ChannelData { get; set; }
    /// <summary>For installationUpdate: "add", "remove", "add-upgrade", "remove-upgrade".</summary>
    public string? Action { get; set; }
    public string? ReplyToId { get; set; }
    public string? Label { get; set; }
    public string? ValueType { get; set; }
    /// <summary>Free-form payload: Action.Submit data on a message, the invoke body on an invoke.</summary>
    public JsonElement? Value { get; set; }
    /// <summary>The invoke or event name, e.g. <c>adaptiveCard/action</c>.</summary>
    public string? Name { get; set; }
    public ConversationReference? RelatesTo { get; set; }
    public string? Code { get; set; }
    public string? Importance { get; set; }
    public string? DeliveryMode { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }

    /// <summary>The AAD object id of the sender as Teams reports it, or null when the channel gave none.</summary>
    [JsonIgnore]
    public string? FromAadObjectId => From?.AadObjectId;

    /// <summary>Creates a message addressed back into this activity's conversation, as the Connector expects.</summary>
    public Activity CreateReply(string? text = null) => new()
    {
        Type = ActivityTypes.Message,
        ChannelId = ChannelId,
        ServiceUrl = ServiceUrl,
        Conversation = Conversation is null ? null : new ConversationAccount { Id = Conversation.Id, ConversationType = Conversation.ConversationType, TenantId = Conversation.TenantId, IsGroup = Conversation.IsGroup },
        From = Recipient is null ? null : new ChannelAccount { Id = Recipient.Id, Name = Recipient.Name },
        Recipient = From is null ? null : new ChannelAccount { Id = From.Id, Name = From.Name, AadObjectId = From.AadObjectId },
        ReplyToId = Id,
        Locale = Locale,
        Text = text,
    };
}

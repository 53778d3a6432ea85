using System.Text.Json;
using System.Text.Json.Serialization;

namespace DialogueBot.BotFramework.Schema;

/// <summary>An attachment; for an Adaptive Card <see cref="Content"/> holds the card.</summary>
public sealed class Attachment
{
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    public string? ContentType { get; set; }
    public string? ContentUrl { get; set; }
    /// <summary>On the way out any serialisable object (a card); on the way in a <see cref="JsonElement"/>.</summary>
    public object? Content { get; set; }
    public string? Name { get; set; }
    public string? ThumbnailUrl { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }
}

/// <summary>An entity (mention, client info, ...): a type name and free properties.</summary>
public sealed class Entity
{
    public string? Type { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }
}

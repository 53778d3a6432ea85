using System.Text.Json.Serialization;
using DialogueBot.BotFramework.Schema;

namespace DialogueBot.BotFramework.Cards;

/// <summary>
/// The root of an Adaptive Card, version 1.5 (the highest Teams renders). Build it with object and
/// collection initialisers; serialise it with <see cref="BotJson"/>; it validates against the official
/// 1.5 schema (the tests check every card the bot emits).
/// </summary>
public sealed class AdaptiveCard
{
    public const string SchemaUrl = "http://adaptivecards.io/schemas/adaptive-card.json";
    public const string CurrentVersion = "1.5";

    [JsonPropertyOrder(-10)]
    public string Type { get; } = "AdaptiveCard";

    [JsonPropertyName("$schema")]
    [JsonPropertyOrder(-9)]
    public string Schema { get; } = SchemaUrl;

    [JsonPropertyOrder(-8)]
    public string Version { get; set; } = CurrentVersion;

    public IList<CardElement> Body { get; set; } = [];
    public IList<CardAction>? Actions { get; set; }
    public Refresh? Refresh { get; set; }
    public string? FallbackText { get; set; }
    /// <summary>
    /// What a screen reader or voice assistant says for the card. Defaults to <see cref="FallbackText"/>, so that
    /// no card is silent; set it where a spoken summary says more than the fallback.
    /// </summary>
    public string? Speak
    {
        get => _speak ?? FallbackText;
        set => _speak = value;
    }

    private string? _speak;
    public string? Lang { get; set; }
    public VerticalAlignment? VerticalContentAlignment { get; set; }
    public string? MinHeight { get; set; }
    public bool? Rtl { get; set; }
    public CardAction? SelectAction { get; set; }

    /// <summary>Teams-only root property (for example full width); the only non-schema property allowed.</summary>
    [JsonPropertyName("msteams")]
    public TeamsCardProperties? Teams { get; set; }

    /// <summary>Wraps the card as a message attachment.</summary>
    public Attachment ToAttachment() => new() { ContentType = Attachment.AdaptiveCardContentType, Content = this };

    /// <summary>A message activity carrying just this card.</summary>
    public Activity ToMessage(string? summary = null) => new()
    {
        Type = ActivityTypes.Message,
        Summary = summary ?? FallbackText,
        Attachments = [ToAttachment()],
    };

    /// <summary>The Universal Actions answer that replaces the card in place.</summary>
    public InvokeResponse ToInvokeResponse() =>
        new(200, new AdaptiveCardInvokeResponse { StatusCode = 200, Type = AdaptiveCardInvokeResponse.CardType, Value = this });
}

/// <summary>The <c>msteams</c> root property of a card.</summary>
public sealed class TeamsCardProperties
{
    /// <summary>"Full" stretches the card across the chat.</summary>
    public string? Width { get; set; }
}

/// <summary>How Teams refreshes a card: runs <see cref="Action"/> for each of <see cref="UserIds"/> (at most 60).</summary>
public sealed class Refresh
{
    public const int MaxUserIds = 60;

    public Refresh(ExecuteAction action) => Action = action;

    [JsonIgnore]
    public ExecuteAction Action { get; set; }

    /// <summary>Written as the base type so the "Action.Execute" type discriminator is emitted (renderers require it).</summary>
    [JsonPropertyName("action")]
    public CardAction SerializedAction => Action;

    public IList<string>? UserIds { get; set; }
}

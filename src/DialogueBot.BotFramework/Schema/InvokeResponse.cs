using System.Text.Json;

namespace DialogueBot.BotFramework.Schema;

/// <summary>
/// What the bot answers to an invoke activity, synchronously, in the HTTP response: the HTTP
/// <see cref="Status"/> and the JSON <see cref="Body"/>.
/// </summary>
public sealed record InvokeResponse(int Status, object? Body = null);

/// <summary>The value of an <c>adaptiveCard/action</c> invoke (Universal Actions).</summary>
public sealed class AdaptiveCardInvokeValue
{
    public AdaptiveCardInvokeAction? Action { get; set; }
    /// <summary>"manual" for a press, "automatic" for a refresh Teams started on its own.</summary>
    public string? Trigger { get; set; }
    public JsonElement? Authentication { get; set; }
    public string? State { get; set; }
}

public sealed class AdaptiveCardInvokeAction
{
    public string? Type { get; set; }
    public string? Id { get; set; }
    public string? Verb { get; set; }
    public JsonElement? Data { get; set; }
}

/// <summary>The body Teams expects in answer to <c>adaptiveCard/action</c>.</summary>
public sealed class AdaptiveCardInvokeResponse
{
    public const string CardType = "application/vnd.microsoft.card.adaptive";
    public const string MessageType = "application/vnd.microsoft.activity.message";
    public const string ErrorType = "application/vnd.microsoft.error";

    public int StatusCode { get; set; } = 200;
    public string Type { get; set; } = CardType;
    public object? Value { get; set; }
}

using System.Text.Json.Serialization;

namespace DialogueBot.BotFramework.Cards;

/// <summary>Any card action.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ExecuteAction), "Action.Execute")]
[JsonDerivedType(typeof(SubmitAction), "Action.Submit")]
[JsonDerivedType(typeof(OpenUrlAction), "Action.OpenUrl")]
[JsonDerivedType(typeof(ShowCardAction), "Action.ShowCard")]
[JsonDerivedType(typeof(ToggleVisibilityAction), "Action.ToggleVisibility")]
public abstract class CardAction
{
    public string? Id { get; set; }
    public string? Title { get; set; }
    public string? IconUrl { get; set; }
    public ActionStyle? Style { get; set; }
    public string? Tooltip { get; set; }
    public bool? IsEnabled { get; set; }
    public ActionMode? Mode { get; set; }
}

/// <summary>
/// Universal Actions: Teams sends an <c>adaptiveCard/action</c> invoke carrying <see cref="Verb"/> and
/// <see cref="Data"/> merged with the card's inputs, and shows the card the bot answers with.
/// </summary>
public sealed class ExecuteAction : CardAction
{
    public ExecuteAction() { }

    public ExecuteAction(string title, string verb, object? data = null)
    {
        Title = title;
        Verb = verb;
        Data = data;
    }

    public string Verb { get; set; } = "";
    public object? Data { get; set; }
    public AssociatedInputs? AssociatedInputs { get; set; }
}

/// <summary>Classic submit: Teams sends a message activity whose <c>value</c> is <see cref="Data"/> plus the inputs.</summary>
public sealed class SubmitAction : CardAction
{
    public SubmitAction() { }

    public SubmitAction(string title, object? data = null)
    {
        Title = title;
        Data = data;
    }

    public object? Data { get; set; }
    public AssociatedInputs? AssociatedInputs { get; set; }
}

public sealed class OpenUrlAction : CardAction
{
    public OpenUrlAction() { }

    public OpenUrlAction(string title, string url)
    {
        Title = title;
        Url = url;
    }

    public string Url { get; set; } = "";
}

/// <summary>Reveals a nested card (which carries no version of its own).</summary>
public sealed class ShowCardAction : CardAction
{
    public ShowCardAction() { }

    public ShowCardAction(string title, NestedCard card)
    {
        Title = title;
        Card = card;
    }

    public NestedCard Card { get; set; } = new();
}

public sealed class ToggleVisibilityAction : CardAction
{
    public IList<string> TargetElements { get; set; } = [];
}

/// <summary>The card inside an Action.ShowCard.</summary>
public sealed class NestedCard
{
    [JsonPropertyOrder(-10)]
    public string Type { get; } = "AdaptiveCard";

    public IList<CardElement> Body { get; set; } = [];
    public IList<CardAction>? Actions { get; set; }
}

using DialogueBot.BotFramework.Cards;
using DialogueBot.Org;

namespace DialogueBot.Help;

/// <summary>One thing the bot can do for someone: shown on the help card with the buttons that start it.</summary>
/// <param name="Title">Short name, e.g. "Ask a question".</param>
/// <param name="Description">One sentence on what it does, in the person's terms (no API paths: cards are for people).</param>
/// <param name="Command">What to type, e.g. "ask &lt;your question&gt;", or null when it is button-only.</param>
/// <param name="Button">A button that starts it, or null.</param>
public sealed record HelpTopic(string Title, string Description, string? Command = null, CardAction? Button = null)
{
    /// <summary>More buttons of the same task (e.g. "Start a pulse" and "Results").</summary>
    public IReadOnlyList<CardAction> MoreButtons { get; init; } = [];

    public IReadOnlyList<CardAction> Buttons => Button is null ? MoreButtons : [Button, .. MoreButtons];
}

/// <summary>A feature's help topics for a caller (only what their roles allow).</summary>
public interface IHelpContributor
{
    /// <summary>Orders the features on the card.</summary>
    int Order { get; }

    IEnumerable<HelpTopic> TopicsFor(Caller caller);

    /// <summary>The topics when a button needs what is stored (e.g. which town hall is open); by default <see cref="TopicsFor"/>.</summary>
    ValueTask<IEnumerable<HelpTopic>> TopicsForAsync(Caller caller, CancellationToken cancellationToken) => ValueTask.FromResult(TopicsFor(caller));
}

/// <summary>A command the bot answers, for the manifest's command list and the help card.</summary>
public sealed record BotCommand(string Title, string Description);

/// <summary>Features list their commands here; the manifest test checks every manifest command is answered.</summary>
public interface IBotCommandSource
{
    IEnumerable<BotCommand> Commands { get; }
}

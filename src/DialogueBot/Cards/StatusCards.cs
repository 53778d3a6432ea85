using DialogueBot.BotFramework.Cards;

namespace DialogueBot.Cards;

/// <summary>The small cards every feature answers with when something cannot be done: clear, polite, no internals.</summary>
public static class StatusCards
{
    /// <summary>A card saying what went wrong and what the person can do about it.</summary>
    public static AdaptiveCard Problem(string title, string message, params CardAction[] actions) => new()
    {
        FallbackText = $"{title}: {message}",
        Body =
        [
            new Container
            {
                Style = ContainerStyle.Attention,
                Items =
                [
                    new TextBlock(title) { Weight = FontWeight.Bolder, Size = FontSize.Medium, Style = TextBlockStyle.Heading },
                    new TextBlock(message),
                ],
            },
        ],
        Actions = actions.Length == 0 ? null : actions,
    };

    /// <summary>A neutral notice (closed, already done, nothing to show).</summary>
    public static AdaptiveCard Notice(string title, string message, params CardAction[] actions) => new()
    {
        FallbackText = $"{title}: {message}",
        Body =
        [
            new TextBlock(title) { Weight = FontWeight.Bolder, Size = FontSize.Medium, Style = TextBlockStyle.Heading },
            new TextBlock(message) { IsSubtle = true },
        ],
        Actions = actions.Length == 0 ? null : actions,
    };

    /// <summary>A card from an older version of the bot, or one whose subject no longer exists.</summary>
    public static AdaptiveCard Stale() => Notice(
        "This card is out of date",
        "What it refers to has changed or no longer exists. Type **help** to see what you can do now.");

    /// <summary>The caller lacks the role for what they pressed.</summary>
    public static AdaptiveCard NotAllowed(string what) => Problem(
        "Not available to you",
        $"Only people with the right role can {what}. If you think you should, ask HR to check the org chart.");

    /// <summary>Something broke on our side; the reference lets support find the log line.</summary>
    public static AdaptiveCard Unexpected(string reference) => Problem(
        "Something went wrong on our side",
        $"Nothing you did caused this. Please try again in a minute. (Reference: {reference})");
}

using DialogueBot.BotFramework.Schema;

namespace DialogueBot.BotFramework.Routing;

/// <summary>Handles a turn. Returns the invoke response for invokes, null otherwise.</summary>
public delegate Task<InvokeResponse?> TurnHandler(TurnContext context, CancellationToken cancellationToken);

/// <summary>Handles a card action (Action.Execute or Action.Submit). The card it returns replaces the pressed card.</summary>
public delegate Task<InvokeResponse?> CardActionHandler(TurnContext context, CardActionRequest action, CancellationToken cancellationToken);

/// <summary>Handles a failure no route handled; answers the user politely.</summary>
public delegate Task<InvokeResponse?> TurnErrorHandler(TurnContext context, Exception exception, CancellationToken cancellationToken);

/// <summary>A named route: a predicate over the turn and the handler it leads to.</summary>
public sealed record Route(string Name, Func<TurnContext, bool> Matches, TurnHandler Handler);

/// <summary>
/// Routes each turn to one named handler, most specific first: card actions by verb, then message
/// commands by their first word, then general routes in the order they were added, then fallbacks.
/// </summary>
public sealed class ActivityRouter
{
    private readonly Dictionary<string, (string Name, CardActionHandler Handler)> _cardActions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Route> _commands = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Route> _routes = [];
    private CardActionHandler? _unknownCardAction;
    private TurnHandler? _unhandledMessage;

    /// <summary>Called when a handler throws something that is not a transient infrastructure failure.</summary>
    public TurnErrorHandler? ErrorHandler { get; private set; }

    public IReadOnlyCollection<string> CardActionVerbs => _cardActions.Keys;

    public IReadOnlyCollection<string> Commands => _commands.Keys;

    public ActivityRouter OnCardAction(string verb, CardActionHandler handler, string? name = null)
    {
        if (!_cardActions.TryAdd(verb, (name ?? $"cardAction:{verb}", handler)))
        {
            throw new InvalidOperationException($"The card action verb '{verb}' is routed twice.");
        }

        return this;
    }

    /// <summary>A message whose first word is <paramref name="command"/> (a leading '/' and bot mentions ignored).</summary>
    public ActivityRouter OnCommand(string command, TurnHandler handler, string? name = null)
    {
        var route = new Route(name ?? $"command:{command}", _ => true, handler);
        if (!_commands.TryAdd(command, route))
        {
            throw new InvalidOperationException($"The command '{command}' is routed twice.");
        }

        return this;
    }

    public ActivityRouter On(string name, Func<TurnContext, bool> matches, TurnHandler handler)
    {
        _routes.Add(new Route(name, matches, handler));
        return this;
    }

    public ActivityRouter OnActivity(string activityType, TurnHandler handler, string? name = null) =>
        On(name ?? activityType, c => c.Activity.Type == activityType, handler);

    /// <summary>The bot was installed for a user or added to a team or chat (either event Teams sends).</summary>
    public ActivityRouter OnInstall(TurnHandler handler, string name = "install") =>
        On(name, c => InstallEvents.IsInstall(c.Activity), handler);

    /// <summary>The bot was uninstalled or removed.</summary>
    public ActivityRouter OnUninstall(TurnHandler handler, string name = "uninstall") =>
        On(name, c => InstallEvents.IsUninstall(c.Activity), handler);

    /// <summary>A card action whose verb no route knows (an old card, or a forged verb).</summary>
    public ActivityRouter OnUnknownCardAction(CardActionHandler handler)
    {
        _unknownCardAction = handler;
        return this;
    }

    /// <summary>A message no command or route took.</summary>
    public ActivityRouter OnUnhandledMessage(TurnHandler handler)
    {
        _unhandledMessage = handler;
        return this;
    }

    public ActivityRouter OnError(TurnErrorHandler handler)
    {
        ErrorHandler = handler;
        return this;
    }

    /// <summary>Finds the route for this turn, or null when the activity is simply not for us (ignored politely).</summary>
    public Route? Match(TurnContext context)
    {
        if (context.CardAction is { } action)
        {
            if (_cardActions.TryGetValue(action.Verb, out var known))
            {
                return new Route(known.Name, _ => true, (c, ct) => known.Handler(c, action, ct));
            }

            if (_unknownCardAction is { } unknown)
            {
                return new Route("cardAction:unknown", _ => true, (c, ct) => unknown(c, action, ct));
            }
        }

        var activity = context.Activity;
        if (activity.Type == ActivityTypes.Message && CommandOf(activity.Text) is { } command && _commands.TryGetValue(command, out var commandRoute))
        {
            return commandRoute;
        }

        foreach (var route in _routes)
        {
            if (route.Matches(context))
            {
                return route;
            }
        }

        if (activity.Type == ActivityTypes.Message && _unhandledMessage is { } fallback)
        {
            return new Route("message:unhandled", _ => true, fallback);
        }

        return null;
    }

    /// <summary>The first word of a message, without a leading '/', after removing &lt;at&gt; mentions.</summary>
    public static string? CommandOf(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var cleaned = MentionText.Strip(text).Trim();
        if (cleaned.Length == 0)
        {
            return null;
        }

        var end = cleaned.IndexOfAny([' ', '\t', '\r', '\n']);
        var word = end < 0 ? cleaned : cleaned[..end];
        return word.TrimStart('/');
    }

    /// <summary>The text after the command word (for commands that take an argument, such as "ask ..."), cleaned by <see cref="UserText"/>.</summary>
    public static string ArgumentOf(string? text)
    {
        var cleaned = UserText.Clean(MentionText.Strip(text ?? "")).Trim();
        var end = cleaned.IndexOfAny([' ', '\t', '\r', '\n']);
        return end < 0 ? "" : cleaned[(end + 1)..].Trim();
    }
}

/// <summary>Recognises the two ways Teams says the bot was installed or removed.</summary>
public static class InstallEvents
{
    public static bool IsInstall(Activity activity) =>
        (activity.Type == ActivityTypes.InstallationUpdate && activity.Action is InstallationActions.Add or InstallationActions.AddUpgrade)
        || (activity.Type == ActivityTypes.ConversationUpdate && ContainsBot(activity.MembersAdded, activity));

    public static bool IsUninstall(Activity activity) =>
        (activity.Type == ActivityTypes.InstallationUpdate && activity.Action is InstallationActions.Remove or InstallationActions.RemoveUpgrade)
        || (activity.Type == ActivityTypes.ConversationUpdate && ContainsBot(activity.MembersRemoved, activity));

    private static bool ContainsBot(IList<ChannelAccount>? members, Activity activity) =>
        members is not null && activity.Recipient?.Id is { } botId && members.Any(m => m.Id == botId);
}

/// <summary>Removes Teams &lt;at&gt;…&lt;/at&gt; mention markup from message text.</summary>
public static class MentionText
{
    public static string Strip(string text)
    {
        var result = text;
        while (true)
        {
            var start = result.IndexOf("<at>", StringComparison.OrdinalIgnoreCase);
            if (start < 0)
            {
                return result;
            }

            var end = result.IndexOf("</at>", start, StringComparison.OrdinalIgnoreCase);
            if (end < 0)
            {
                return result;
            }

            result = result.Remove(start, end + "</at>".Length - start);
        }
    }
}

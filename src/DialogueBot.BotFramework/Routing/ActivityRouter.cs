using System.Text.Json;
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
    private readonly Dictionary<string, (string Name, CardActionHandler Handler, bool PersonalOnly)> _cardActions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Route Route, bool PersonalOnly)> _commands = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Route> _routes = [];
    private CardActionHandler? _unknownCardAction;
    private TurnHandler? _unhandledMessage;
    private TurnHandler? _notPersonal;

    /// <summary>Called when a handler throws something that is not a transient infrastructure failure.</summary>
    public TurnErrorHandler? ErrorHandler { get; private set; }

    public IReadOnlyCollection<string> CardActionVerbs => _cardActions.Keys;

    public IReadOnlyCollection<string> Commands => _commands.Keys;

    /// <param name="personalOnly">
    /// True for actions that must stay private (an anonymous answer, results): outside a 1:1 chat the
    /// handler never runs and the <see cref="OnNotPersonal"/> handler answers instead.
    /// </param>
    public ActivityRouter OnCardAction(string verb, CardActionHandler handler, string? name = null, bool personalOnly = false)
    {
        if (!_cardActions.TryAdd(verb, (name ?? $"cardAction:{verb}", handler, personalOnly)))
        {
            throw new InvalidOperationException($"The card action verb '{verb}' is routed twice.");
        }

        return this;
    }

    /// <summary>A message whose first word is <paramref name="command"/> (a leading '/' and bot mentions ignored).</summary>
    /// <param name="personalOnly">As for <see cref="OnCardAction"/>: outside a 1:1 chat, <see cref="OnNotPersonal"/> answers.</param>
    public ActivityRouter OnCommand(string command, TurnHandler handler, string? name = null, bool personalOnly = false)
    {
        var route = new Route(name ?? $"command:{command}", _ => true, handler);
        if (!_commands.TryAdd(command, (route, personalOnly)))
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

    /// <summary>
    /// Answers a personal-only command or card action sent from a channel or a group chat. Without one,
    /// the router says so in plain text; either way the route's own handler does not run.
    /// </summary>
    public ActivityRouter OnNotPersonal(TurnHandler handler)
    {
        _notPersonal = handler;
        return this;
    }

    /// <summary>The plain-text answer when no <see cref="OnNotPersonal"/> handler is set.</summary>
    public const string NotPersonalText = "Please use this in your 1:1 chat with me so your answer stays private.";

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
                return known.PersonalOnly && !context.IsPersonal
                    ? NotPersonal(known.Name)
                    : new Route(known.Name, _ => true, (c, ct) => known.Handler(c, action, ct));
            }

            if (_unknownCardAction is { } unknown)
            {
                return new Route("cardAction:unknown", _ => true, (c, ct) => unknown(c, action, ct));
            }
        }

        var activity = context.Activity;
        if (activity.Type == ActivityTypes.Message && string.IsNullOrWhiteSpace(activity.Text) && ImBackTextOf(activity.Value) is { } typed)
        {
            activity.Text = typed; // read as what the button stands for: the person typing it (see ImBackTextOf)
        }

        if (activity.Type == ActivityTypes.Message && CommandOf(activity.Text) is { } command && _commands.TryGetValue(command, out var commandRoute))
        {
            return commandRoute.PersonalOnly && !context.IsPersonal ? NotPersonal(commandRoute.Route.Name) : commandRoute.Route;
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

    // One place decides scope, so a handler cannot forget it: the refusal replaces the route, nothing of it runs.
    // An invoke gets a message response, not a card: a card would replace the pressed card for everyone in
    // the channel, while the message is shown to the presser alone.
    private Route NotPersonal(string routeName) => new($"{routeName}:notPersonal", _ => true, _notPersonal ?? (async (c, ct) =>
    {
        if (c.Activity.Type == ActivityTypes.Invoke)
        {
            return new InvokeResponse(200, new AdaptiveCardInvokeResponse { Type = AdaptiveCardInvokeResponse.MessageType, Value = NotPersonalText });
        }

        await c.SendTextAsync(NotPersonalText, ct);
        return null;
    }));

    /// <summary>
    /// The text of an imBack button (Action.Submit data <c>{"msteams":{"type":"imBack","value":"…"}}</c>) when a
    /// client posts the submit's data instead of the text Teams would post for it (the Agents Playground does).
    /// </summary>
    public static string? ImBackTextOf(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Object } data
        && data.TryGetProperty("msteams", out var teams) && teams.ValueKind == JsonValueKind.Object
        && teams.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "imBack"
        && teams.TryGetProperty("value", out var text) && text.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(text.GetString())
            ? UserText.Clean(text.GetString()!)
            : null;

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

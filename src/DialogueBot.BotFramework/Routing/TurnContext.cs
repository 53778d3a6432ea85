using System.Security.Claims;
using System.Text.Json;
using DialogueBot.BotFramework.Cards;
using DialogueBot.BotFramework.Connector;
using DialogueBot.BotFramework.Schema;

namespace DialogueBot.BotFramework.Routing;

/// <summary>One inbound activity being handled: the activity, who sent it, and how to answer into its conversation.</summary>
public sealed class TurnContext
{
    private CardActionRequest? _cardAction;
    private bool _cardActionParsed;

    private readonly IConnectorClient? _connector;

    /// <param name="connector">For questions about the conversation (its members); null where a turn never asks.</param>
    public TurnContext(Activity activity, ClaimsIdentity? identity, IActivitySender sender, IServiceProvider services, IConnectorClient? connector = null)
    {
        Activity = activity;
        Identity = identity;
        Sender = sender;
        Services = services;
        _connector = connector;
    }

    public Activity Activity { get; }

    /// <summary>The validated token's identity; null in local dev mode.</summary>
    public ClaimsIdentity? Identity { get; }

    public IActivitySender Sender { get; }

    /// <summary>The request's services (a DI scope per turn).</summary>
    public IServiceProvider Services { get; }

    /// <summary>The name of the route that is handling this turn (for logs and traces).</summary>
    public string? RouteName { get; internal set; }

    /// <summary>Per-turn state the application can hang on the turn (for example the resolved caller).</summary>
    public IDictionary<object, object?> Items { get; } = new Dictionary<object, object?>();

    /// <summary>The card action of an Action.Execute invoke or an Action.Submit message, or null.</summary>
    public CardActionRequest? CardAction
    {
        get
        {
            if (!_cardActionParsed)
            {
                _cardAction = CardActionRequest.From(Activity);
                _cardActionParsed = true;
            }

            return _cardAction;
        }
    }

    /// <summary>
    /// The sender's time zone as their client reports it (an IANA id such as "Europe/Berlin"): the
    /// activity's <c>localTimezone</c>, else the <c>timezone</c> of an entity (Teams sends it in
    /// <c>clientInfo</c>); null when the client said nothing. Unchecked: resolve it before use.
    /// </summary>
    public string? ClientTimeZone
    {
        get
        {
            if (!string.IsNullOrWhiteSpace(Activity.LocalTimezone))
            {
                return Activity.LocalTimezone;
            }

            foreach (var entity in Activity.Entities ?? [])
            {
                if (entity.Properties?.TryGetValue("timezone", out var zone) == true && zone.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(zone.GetString()))
                {
                    return zone.GetString();
                }
            }

            return null;
        }
    }

    /// <summary>True only in a 1:1 chat with the bot: Teams marks it "personal"; a channel, a group chat or an activity that says nothing is not.</summary>
    public bool IsPersonal => Activity.Conversation?.ConversationType == ConversationTypes.Personal;

    /// <summary>Sends an activity into this turn's conversation, addressed as the Connector expects.</summary>
    public Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        Address(activity);
        return Sender.SendAsync(Activity.ServiceUrl!, Activity.Conversation!.Id!, activity, cancellationToken);
    }

    public Task<ResourceResponse> SendAsync(AdaptiveCard card, CancellationToken cancellationToken = default) =>
        SendAsync(card.ToMessage(), cancellationToken);

    public Task<ResourceResponse> SendTextAsync(string text, CancellationToken cancellationToken = default) =>
        SendAsync(new Activity { Type = ActivityTypes.Message, Text = text, TextFormat = "plain" }, cancellationToken);

    /// <summary>
    /// Answers the turn with a card: an invoke (Action.Execute, a refresh) gets it as its invoke response,
    /// which replaces the pressed card; any other turn (a typed command, an Action.Submit) gets it as a new
    /// message in the conversation. Route handlers return what this returns.
    /// </summary>
    public async Task<InvokeResponse?> ReplyAsync(AdaptiveCard card, CancellationToken cancellationToken = default)
    {
        if (Activity.Type == ActivityTypes.Invoke)
        {
            return card.ToInvokeResponse();
        }

        await SendAsync(card, cancellationToken);
        return null;
    }

    /// <summary>The sender as a member of this conversation (with their email and UPN), asked of the Connector.</summary>
    public Task<TeamsChannelAccount> GetSenderAsMemberAsync(CancellationToken cancellationToken = default)
    {
        var connector = _connector ?? throw new InvalidOperationException("This turn was built without a Connector client.");
        return connector.GetConversationMemberAsync(Activity.ServiceUrl!, Activity.Conversation!.Id!, Activity.From!.Id!, cancellationToken);
    }

    /// <summary>Replaces an earlier bot message in this conversation (an Action.Submit card updated in place).</summary>
    public Task<ResourceResponse> UpdateActivityAsync(string activityId, Activity activity, CancellationToken cancellationToken = default)
    {
        Address(activity);
        activity.Id = activityId;
        return Sender.UpdateAsync(Activity.ServiceUrl!, Activity.Conversation!.Id!, activityId, activity, cancellationToken);
    }

    private void Address(Activity activity)
    {
        activity.ChannelId ??= Activity.ChannelId;
        activity.ServiceUrl ??= Activity.ServiceUrl;
        activity.Conversation ??= new ConversationAccount { Id = Activity.Conversation?.Id, TenantId = Activity.Conversation?.TenantId };
        activity.From ??= Activity.Recipient is null ? null : new ChannelAccount { Id = Activity.Recipient.Id, Name = Activity.Recipient.Name };
        activity.Recipient ??= Activity.From is null ? null : new ChannelAccount { Id = Activity.From.Id, Name = Activity.From.Name };
    }
}

using System.Text.Json;
using DialogueBot.BotFramework.Schema;

namespace DialogueBot.Testing;

/// <summary>A Teams user talking to the bot in a 1:1 chat, and the activities Teams would send for them.</summary>
public sealed record TeamsUser(string AadObjectId, string Name, string ServiceUrl)
{
    public const string TenantId = "00000000-0000-0000-0000-0000000000001";
    public const string BotId = "28:bot-app-id";

    public string UserId => "29:" + AadObjectId;

    public string ConversationId => "a:" + AadObjectId.Replace("-", "", StringComparison.Ordinal);

    private int _counter;

    public Activity Message(string text) => Base(ActivityTypes.Message, a => a.Text = text);

    /// <summary>An installationUpdate "add" in the user's personal scope.</summary>
    public Activity Install() => Base(ActivityTypes.InstallationUpdate, a => a.Action = InstallationActions.Add);

    public Activity Uninstall() => Base(ActivityTypes.InstallationUpdate, a => a.Action = InstallationActions.Remove);

    /// <summary>The conversationUpdate Teams sends alongside an install, with the bot among the members added.</summary>
    public Activity BotAdded() => Base(ActivityTypes.ConversationUpdate, a => a.MembersAdded = [new ChannelAccount { Id = BotId }]);

    /// <summary>An Action.Execute press: invoke adaptiveCard/action with a verb and data (inputs merged in).</summary>
    public Activity Execute(string verb, object? data = null, bool refresh = false) => Base(ActivityTypes.Invoke, a =>
    {
        a.Name = InvokeNames.AdaptiveCardAction;
        a.Value = JsonSerializer.SerializeToElement(new
        {
            action = new { type = "Action.Execute", verb, data = data ?? new { } },
            trigger = refresh ? "automatic" : "manual",
        }, BotJson.Options);
    });

    /// <summary>An Action.Submit press: a message whose value is the data (with a verb) and the inputs.</summary>
    public Activity Submit(object data, string? replyToId = null) => Base(ActivityTypes.Message, a =>
    {
        a.Value = JsonSerializer.SerializeToElement(data, BotJson.Options);
        a.ReplyToId = replyToId;
    });

    private Activity Base(string type, Action<Activity> shape)
    {
        var activity = new Activity
        {
            Type = type,
            Id = $"{AadObjectId[..8]}-{Interlocked.Increment(ref _counter)}-{Guid.NewGuid():N}"[..40],
            Timestamp = DateTimeOffset.UtcNow,
            ChannelId = "msteams",
            ServiceUrl = ServiceUrl,
            From = new ChannelAccount { Id = UserId, Name = Name, AadObjectId = AadObjectId },
            Recipient = new ChannelAccount { Id = BotId, Name = "DialogueBot" },
            Conversation = new ConversationAccount { Id = ConversationId, ConversationType = ConversationTypes.Personal, TenantId = TenantId },
            ChannelData = new TeamsChannelData { Tenant = new TenantInfo { Id = TenantId } },
            Locale = "en-GB",
        };
        shape(activity);
        return activity;
    }
}

/// <summary>
/// The demo org's people as Teams users, read from the demo CSV. The Playground's own users (Alex Wilber,
/// Megan Bowen, Adele Vance, Isaiah Langer, Patti Fernandez, Lynne Robbins) carry its AAD ids.
/// </summary>
public static class DemoUsers
{
    private static readonly Lazy<IReadOnlyList<DialogueBot.Org.OrgPerson>> People = new(() => DialogueBot.Org.OrgChartCsv.Parse(DialogueBot.Demo.DemoSeeder.DemoOrgCsv()).People);

    public static IReadOnlyList<DialogueBot.Org.OrgPerson> All => People.Value;

    /// <summary>Alex Wilber (p12): manager and HR, the Playground's default user.</summary>
    public static TeamsUser Alex(string serviceUrl) => ById("p12", serviceUrl);

    /// <summary>Megan Bowen (p01): the CEO, executive.</summary>
    public static TeamsUser Megan(string serviceUrl) => ById("p01", serviceUrl);

    /// <summary>Patti Fernandez (p05): executive and HR.</summary>
    public static TeamsUser Patti(string serviceUrl) => ById("p05", serviceUrl);

    public static TeamsUser ById(string personId, string serviceUrl)
    {
        var person = People.Value.Single(p => p.Id == personId);
        return new TeamsUser(person.AadObjectId!, person.Name, serviceUrl);
    }

    public static TeamsUser Of(DialogueBot.Org.OrgPerson person, string serviceUrl) => new(person.AadObjectId!, person.Name, serviceUrl);

    /// <summary>Someone the org chart does not know.</summary>
    public static TeamsUser Stranger(string serviceUrl) => new("e0000000-0000-4000-8000-00000000beef", "Sam Stranger", serviceUrl);
}

/// <summary>Moves an activity a <see cref="TeamsUser"/> made into a team channel or a group chat, as Teams would send it from there.</summary>
public static class TeamsScopes
{
    public static Activity InChannel(this Activity activity) => Move(activity, ConversationTypes.Channel, "19:general-channel@thread.tacv2;messageid=1700000000000");

    public static Activity InGroupChat(this Activity activity) => Move(activity, ConversationTypes.GroupChat, "19:group-chat-of-three@thread.v2");

    /// <summary>The invoke answer to a personal-only press elsewhere: a message shown to the presser alone, not a card replacing the pressed one for everyone.</summary>
    public static void AssertNotPersonalReply(JsonElement body)
    {
        Xunit.Assert.Equal(AdaptiveCardInvokeResponse.MessageType, body.GetProperty("type").GetString());
        Xunit.Assert.Equal(DialogueBot.BotFramework.Routing.ActivityRouter.NotPersonalText, body.GetProperty("value").GetString());
    }

    private static Activity Move(Activity activity, string type, string conversationId)
    {
        activity.Conversation = new ConversationAccount { Id = conversationId, ConversationType = type, TenantId = TeamsUser.TenantId, IsGroup = true };
        return activity;
    }
}

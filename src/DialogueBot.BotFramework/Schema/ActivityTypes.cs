namespace DialogueBot.BotFramework.Schema;

/// <summary>The activity type names of the Activity schema v3 that a Teams bot meets.</summary>
public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string InstallationUpdate = "installationUpdate";
    public const string Invoke = "invoke";
    public const string InvokeResponse = "invokeResponse";
    public const string MessageReaction = "messageReaction";
    public const string MessageUpdate = "messageUpdate";
    public const string MessageDelete = "messageDelete";
    public const string Event = "event";
    public const string Typing = "typing";
    public const string EndOfConversation = "endOfConversation";
}

/// <summary>Names of invoke activities this library understands.</summary>
public static class InvokeNames
{
    /// <summary>Universal Actions: an Action.Execute press or a card refresh.</summary>
    public const string AdaptiveCardAction = "adaptiveCard/action";
}

/// <summary>Values of <see cref="Activity.Action"/> on an installationUpdate.</summary>
public static class InstallationActions
{
    public const string Add = "add";
    public const string Remove = "remove";
    public const string AddUpgrade = "add-upgrade";
    public const string RemoveUpgrade = "remove-upgrade";
}

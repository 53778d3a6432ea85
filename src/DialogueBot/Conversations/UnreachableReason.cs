using System.Net;

namespace DialogueBot.Conversations;

/// <summary>Why a person cannot be reached proactively. Recorded on their conversation reference; cleared when they install the app themselves.</summary>
public enum UnreachableReason
{
    /// <summary>Teams answered 403 BotDisabledByAdmin: an admin turned the app off for them or the tenant.</summary>
    BotDisabledByAdmin,
    /// <summary>Teams answered 404 BotNotInConversationRoster (or the chat is gone): they removed the app.</summary>
    BotNotInConversationRoster,
    /// <summary>Another 403 (for example the person blocked the bot).</summary>
    Blocked,
    /// <summary>Installing the app for them was refused by the tenant's or their app policy (Graph).</summary>
    InstallBlocked,
}

public static class UnreachableReasons
{
    /// <summary>Maps a 403/404 Connector answer (its status and error code) to a reason.</summary>
    public static UnreachableReason FromConnector(HttpStatusCode status, string? errorCode) => errorCode switch
    {
        "BotDisabledByAdmin" => UnreachableReason.BotDisabledByAdmin,
        "BotNotInConversationRoster" => UnreachableReason.BotNotInConversationRoster,
        _ when status == HttpStatusCode.NotFound => UnreachableReason.BotNotInConversationRoster,
        _ => UnreachableReason.Blocked,
    };

    /// <summary>"Left": the person removed the app; every other reason is a block.</summary>
    public static bool IsLeft(this UnreachableReason reason) => reason == UnreachableReason.BotNotInConversationRoster;
}

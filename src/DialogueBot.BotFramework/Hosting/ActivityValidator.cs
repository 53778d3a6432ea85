using DialogueBot.BotFramework.Schema;

namespace DialogueBot.BotFramework.Hosting;

/// <summary>The fields an inbound activity must carry before any handler may see it.</summary>
public static class ActivityValidator
{
    public const int MaxIdLength = 1024;

    /// <summary>Null when valid; otherwise a sentence naming the first missing or malformed field.</summary>
    public static string? Validate(Activity activity)
    {
        if (string.IsNullOrWhiteSpace(activity.Type))
        {
            return "The activity has no 'type'.";
        }

        if (string.IsNullOrWhiteSpace(activity.ChannelId))
        {
            return "The activity has no 'channelId'.";
        }

        if (string.IsNullOrWhiteSpace(activity.ServiceUrl))
        {
            return "The activity has no 'serviceUrl'.";
        }

        if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl) || (serviceUrl.Scheme != Uri.UriSchemeHttps && serviceUrl.Scheme != Uri.UriSchemeHttp))
        {
            return "The activity's 'serviceUrl' is not an absolute http(s) URL.";
        }

        if (string.IsNullOrWhiteSpace(activity.Conversation?.Id))
        {
            return "The activity has no 'conversation.id'.";
        }

        if (string.IsNullOrWhiteSpace(activity.From?.Id))
        {
            return "The activity has no 'from.id'.";
        }

        if (activity.Conversation.Id.Length > MaxIdLength || activity.From.Id.Length > MaxIdLength
            || (activity.Id?.Length ?? 0) > MaxIdLength || (activity.ReplyToId?.Length ?? 0) > MaxIdLength)
        {
            return "An id in the activity is too long.";
        }

        // Ids end up in Connector URLs and storage keys: control characters in them are never genuine.
        if (HasControlCharacters(activity.Conversation.Id) || HasControlCharacters(activity.From.Id) || HasControlCharacters(activity.Id)
            || HasControlCharacters(activity.ReplyToId) || HasControlCharacters(activity.From.AadObjectId))
        {
            return "An id in the activity holds control characters.";
        }

        if (activity.Type == ActivityTypes.Invoke && string.IsNullOrWhiteSpace(activity.Name))
        {
            return "An invoke activity has no 'name'.";
        }

        return null;
    }

    private static bool HasControlCharacters(string? id) => id is not null && id.Any(char.IsControl);
}

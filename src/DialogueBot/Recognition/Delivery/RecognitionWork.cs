namespace DialogueBot.Recognition.Delivery;

/// <summary>
/// Work keys (the kinds are <see cref="RecognitionWorkKinds"/>). Nominations are named, so a person id may
/// appear in a key; the scope (before the first '.') is still the aggregate the work belongs to — the
/// nomination id, or "recdigest-yyyy-MM" for a month's digest — as docs/architecture.md asks, so a scope's
/// ledger rows can be found together.
/// </summary>
public static class RecognitionWork
{
    public static string NotifyKey(string nominationId, NotifyRecipient recipient) => $"{nominationId}.{recipient.ToString().ToLowerInvariant()}";

    public static string DigestScope(string month) => "recdigest-" + month;

    public static string DigestKey(string month) => DigestScope(month) + ".fanout";

    public static string DigestSendKey(string month, string personId) => DigestScope(month) + "." + personId;
}

/// <summary>Who hears about a new nomination.</summary>
public enum NotifyRecipient
{
    Nominee,
    Manager,
}

public sealed record NotifyMessage(string NominationId, NotifyRecipient Recipient);

public sealed record DigestMessage(string Month);

public sealed record DigestSendMessage(string Month, string PersonId);

namespace DialogueBot.Recognition.Delivery;

/// <summary>
/// Work kinds and keys. Nominations are named, so a person id may appear in a key; the scope (before the
/// first '.') is still the aggregate the work belongs to — the nomination id, or "recdigest-yyyy-MM" for
/// a month's digest — as docs/architecture.md asks, so a scope's ledger rows can be found together.
/// </summary>
public static class RecognitionWork
{
    public const string NotifyKind = "recognition.notify";
    public const string DigestKind = "recognition.digest";
    public const string DigestSendKind = "recognition.senddigest";

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

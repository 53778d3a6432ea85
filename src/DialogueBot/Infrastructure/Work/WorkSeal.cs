using System.Text.Json;
using DialogueBot.Infrastructure.Anonymity;

namespace DialogueBot.Infrastructure.Work;

/// <summary>
/// How work at rest stays opaque. A queue message is <c>{"sealed":"…"}</c>, the whole work item under a key
/// derived from the master secret; a ledger row key is the key's scope (the run or town-hall id before the
/// first '.') and an HMAC of kind and key, so a ledger row says "some work of this run" and never whom it was
/// for; the scope lets a closed run's rows be purged together.
/// </summary>
public sealed class WorkSeal(IdentityHasher hasher)
{
    private const string Context = "dialoguebot/work";

    public string Seal(WorkItem item) =>
        JsonSerializer.Serialize(new SealedMessage(Sealing.Seal(hasher.KeyFor(HashPurpose.WorkSeal), JsonSerializer.Serialize(item, WorkJson.Options), Context)), WorkJson.Options);

    /// <summary>The work item in a queue message, or null when it is not one this app sealed (parked as unreadable).</summary>
    public WorkItem? Open(string raw)
    {
        try
        {
            var message = JsonSerializer.Deserialize<SealedMessage>(raw, WorkJson.Options);
            var json = Sealing.Open(hasher.KeyFor(HashPurpose.WorkSeal), message?.Sealed, Context);
            return json is null ? null : JsonSerializer.Deserialize<WorkItem>(json, WorkJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The ledger row key of a work key: its scope, then an opaque digest of kind and key.</summary>
    public string LedgerKey(string kind, string key) => ScopeOf(key) + "|" + hasher.Derive(HashPurpose.WorkKey, kind + "\n" + key);

    /// <summary>The row-key prefix of every ledger row of one scope (a run id, a town-hall id).</summary>
    public static string ScopePrefix(string scope) => scope + "|";

    private static string ScopeOf(string key) => key.IndexOf('.') is > 0 and var dot ? key[..dot] : "-";

    private sealed record SealedMessage(string? Sealed);
}

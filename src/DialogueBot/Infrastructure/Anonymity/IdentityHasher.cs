using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace DialogueBot.Infrastructure.Anonymity;

/// <summary>
/// Turns a user id into a pseudonym: HMAC-SHA256 under a key derived (HKDF) from the secret for one
/// purpose, over a scope (a pulse, a town hall) and the id. Different purposes or scopes give unrelated
/// values, so "answered pulse A", "answered pulse B" and "voted on question Q" cannot be joined without the
/// secret, and nothing stored can be turned back into a person.
/// </summary>
public sealed class IdentityHasher
{
    private readonly byte[] _secret;
    private readonly Dictionary<HashPurpose, byte[]> _keys = [];

    public IdentityHasher(IOptions<AnonymityOptions> options)
    {
        var configured = options.Value.HmacKey;
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new InvalidOperationException("Anonymity:HmacKey is not set. Generate one with `openssl rand -base64 32` and keep it in Key Vault.");
        }

        try
        {
            _secret = Convert.FromBase64String(configured);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException("Anonymity:HmacKey must be base64.");
        }

        if (_secret.Length < 32)
        {
            throw new InvalidOperationException("Anonymity:HmacKey must hold at least 32 bytes.");
        }

        foreach (var purpose in Enum.GetValues<HashPurpose>())
        {
            _keys[purpose] = HKDF.DeriveKey(HashAlgorithmName.SHA256, _secret, 32, info: Encoding.UTF8.GetBytes("dialoguebot/" + purpose));
        }
    }

    /// <summary>A URL- and table-key-safe pseudonym (43 characters) of <paramref name="userId"/> within <paramref name="scope"/>.</summary>
    public string Hash(HashPurpose purpose, string scope, string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(scope);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        // The separator cannot occur in either part's canonical form, so (a, bc) and (ab, c) never collide.
        var message = Encoding.UTF8.GetBytes(scope + "\n" + userId.Trim().ToLowerInvariant());
        var mac = HMACSHA256.HashData(_keys[purpose], message);
        return Anonymity.Base64Url.Encode(mac);
    }

    /// <summary>A 32-byte key for one purpose (sealing work payloads, wrapping scope keys), derived from the secret.</summary>
    public byte[] KeyFor(HashPurpose purpose) => _keys[purpose];

    /// <summary>A deterministic, unlinkable id derived from another id (for idempotent keys that must not reveal their source).</summary>
    public string Derive(HashPurpose purpose, string value) => Anonymity.Base64Url.Encode(HMACSHA256.HashData(_keys[purpose], Encoding.UTF8.GetBytes(value)));

}

/// <summary>What a pseudonym is for. Each purpose has its own key.</summary>
public enum HashPurpose
{
    /// <summary>"Has answered this pulse" (dedup, reminders).</summary>
    PulseParticipation,
    /// <summary>"Was sent this pulse" (idempotent delivery).</summary>
    PulseDelivery,
    /// <summary>Ids of stored responses derived from pending ones (idempotent flush).</summary>
    ResponseId,
    /// <summary>"Voted on this question" (one vote per person).</summary>
    QuestionVote,
    /// <summary>"Follows this question" (notified when answered).</summary>
    QuestionFollower,
    /// <summary>Skip-level participants' private notes.</summary>
    SkipLevelNote,
    /// <summary>Generic idempotency keys for work that concerns a person.</summary>
    WorkKey,
    /// <summary>Sealing work payloads on the queue, in the ledger and in the poison table.</summary>
    WorkSeal,
    /// <summary>Wrapping scope keys (per run, per town hall) at rest.</summary>
    ScopeKeyWrap,
    /// <summary>"Was sent this consultation's brief" (who to send the outcome to).</summary>
    ConsultationDelivery,
}

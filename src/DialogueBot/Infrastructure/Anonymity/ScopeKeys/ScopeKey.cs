using System.Security.Cryptography;
using System.Text;

namespace DialogueBot.Infrastructure.Anonymity.ScopeKeys;

/// <summary>
/// The secret of one pulse run or one town hall, random (not derived from the master secret), held in the
/// <see cref="IScopeKeyStore"/> only while the scope is live and destroyed when it closes. Everything that
/// ties a person to the scope while it runs — "has answered", an answer waiting for publication, a vote, a
/// follower — is keyed or sealed with it, so once it is destroyed no key anyone holds can open or test them,
/// not even in an old backup of the tables.
/// </summary>
public sealed class ScopeKey
{
    private readonly byte[] _hashKey;
    private readonly byte[] _sealKey;

    public ScopeKey(string scope, ReadOnlySpan<byte> secret)
    {
        Scope = scope;
        _hashKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret.ToArray(), 32, info: Encoding.UTF8.GetBytes("dialoguebot/scope/hash"));
        _sealKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret.ToArray(), 32, info: Encoding.UTF8.GetBytes("dialoguebot/scope/seal"));
    }

    public string Scope { get; }

    /// <summary>A table-key-safe pseudonym (43 characters) of <paramref name="value"/> for one use inside the scope.</summary>
    public string Hash(string purpose, string value) =>
        Base64Url.Encode(HMACSHA256.HashData(_hashKey, Encoding.UTF8.GetBytes(purpose + "\n" + value.Trim().ToLowerInvariant())));

    public string Seal(string plaintext, string context) => Sealing.Seal(_sealKey, plaintext, Scope + "\n" + context);

    public string? Open(string? sealedText, string context) => Sealing.Open(_sealKey, sealedText, Scope + "\n" + context);
}

/// <summary>The scope's key was destroyed (the run was published, the town hall closed): what it protected is gone for good.</summary>
public sealed class ScopeKeyDestroyedException(string scope) : Exception($"The key of '{scope}' was destroyed when it closed.");

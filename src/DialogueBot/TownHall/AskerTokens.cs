using System.Security.Cryptography;
using System.Text;
using DialogueBot.Infrastructure.Anonymity;
using DialogueBot.Infrastructure.Anonymity.ScopeKeys;
using DialogueBot.TownHall.Questions;

namespace DialogueBot.TownHall;

/// <summary>
/// An anonymous asker's rights without anything that names them. The ask form carries a random ask id; the
/// question stores only SHA-256 of it (so a retried press finds the same question) and SHA-256 of the asker's
/// token, which is the town hall's scope key applied to the ask id — a retry gets the same token back without
/// the token ever being stored. The token travels only in the asker's own card (or their browser) and comes
/// back on edit, withdraw, follow and "mine". Nothing here is derived from a person id, so no key anyone holds
/// can test "did this person ask that question?".
/// </summary>
public static class AskerTokens
{
    /// <summary>A fresh ask id (32 random bytes, base64url), put in the form when the card is built.</summary>
    public static string NewAskId() => Base64Url.Encode(RandomNumberGenerator.GetBytes(32));

    /// <summary>The asker's token for one ask id; needs the live scope key, so it cannot be recomputed after the hall finishes.</summary>
    public static string TokenFor(ScopeKey key, string askId) => key.Hash("asker-token", askId);

    /// <summary>What is stored: SHA-256, base64url. Tokens and ask ids are random 256-bit values, so a plain hash cannot be reversed.</summary>
    public static string Digest(string value) => Base64Url.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    /// <summary>An ask id from a card or request is ours only in our own shape (so junk never reaches storage).</summary>
    public static bool IsWellFormed(string? value) => value is { Length: >= 22 and <= 64 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>True when one of <paramref name="tokens"/> is the token of <paramref name="question"/> (compared in constant time).</summary>
    public static bool Proves(QuestionEntity question, IEnumerable<string>? tokens)
    {
        if (question.AskerTokenHash.Length == 0 || tokens is null)
        {
            return false;
        }

        var stored = Encoding.ASCII.GetBytes(question.AskerTokenHash);
        return tokens.Any(t => IsWellFormed(t) && CryptographicOperations.FixedTimeEquals(stored, Encoding.ASCII.GetBytes(Digest(t))));
    }
}

using System.Collections.Concurrent;
using System.Security.Claims;

namespace DialogueBot.BotFramework.Authentication;

/// <summary>
/// Tokens whose signature, issuer, audience and algorithm were already checked, by their exact text. The
/// Bot Connector sends the same token on every activity until it expires, so verifying its RSA signature
/// and parsing it again on each request is the same work done twice. A hit skips only what depends on the
/// token's bytes alone; the caller still checks, every time, that the issuer is trusted, that the signing
/// key is still published (the same key object the token was verified with), the lifetime against the
/// clock, the channel's endorsement and the serviceurl claim. Bounded: full means it starts again empty.
/// </summary>
internal sealed class ValidatedTokenCache
{
    private readonly ConcurrentDictionary<string, ValidatedToken> _tokens = new(StringComparer.Ordinal);
    private readonly int _capacity;

    public ValidatedTokenCache(int capacity) => _capacity = capacity;

    public bool TryGet(string raw, out ValidatedToken token) => _tokens.TryGetValue(raw, out token!);

    public void Add(string raw, ValidatedToken token)
    {
        if (_capacity <= 0)
        {
            return;
        }

        if (_tokens.Count >= _capacity)
        {
            _tokens.Clear();
        }

        _tokens[raw] = token;
    }

    public void Remove(string raw) => _tokens.TryRemove(raw, out _);
}

/// <summary>What a verified token said: who issued it, which key signed it, its lifetime and its claims.</summary>
internal sealed record ValidatedToken(string Issuer, string Kid, SigningKey Key, DateTime? NotBefore, DateTime? Expires, ClaimsIdentity Identity);

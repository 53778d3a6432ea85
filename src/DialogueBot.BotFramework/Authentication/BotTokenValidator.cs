using System.Security.Claims;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DialogueBot.BotFramework.Authentication;

/// <summary>
/// Validates the <c>Authorization: Bearer</c> JWT on an inbound activity the way the Bot Connector
/// authentication spec asks: RS256/384/512 signature by a key from the issuer's OpenID metadata, issuer,
/// audience (the app id), lifetime with skew, the channel's endorsement of the key, and the
/// <c>serviceurl</c> claim equal to the activity's serviceUrl. Every failure is the same opaque result;
/// the reason goes only to the log.
/// </summary>
public sealed class BotTokenValidator
{
    public const string ServiceUrlClaim = "serviceurl";
    private static readonly string[] Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private readonly BotAuthenticationOptions _options;
    private readonly OpenIdMetadataProvider _metadata;
    private readonly TimeProvider _time;
    private readonly ILogger<BotTokenValidator> _logger;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly ValidatedTokenCache _verified = new(capacity: 10_000);
    private readonly string[] _audiences;

    public BotTokenValidator(BotAuthenticationOptions options, OpenIdMetadataProvider metadata, TimeProvider time, ILogger<BotTokenValidator> logger)
    {
        _options = options;
        _metadata = metadata;
        _time = time;
        _logger = logger;
        _audiences = options.HasAppId ? [options.AppId!, $"api://{options.AppId}", $"api://botid-{options.AppId}"] : [];
    }

    /// <summary>The caller's identity, or null when the request must be refused with 401.</summary>
    public async Task<ClaimsIdentity?> ValidateAsync(string? authorizationHeader, string? channelId, string? serviceUrl, CancellationToken cancellationToken)
    {
        var failure = await ValidateCoreAsync(authorizationHeader, channelId, serviceUrl, cancellationToken);
        if (failure.Identity is null)
        {
            _logger.LogWarning("Refused an inbound activity: {Reason}", failure.Reason);
            BotFrameworkTelemetry.AuthenticationFailures.Add(1);
        }

        return failure.Identity;
    }

    private async Task<(ClaimsIdentity? Identity, string Reason)> ValidateCoreAsync(string? header, string? channelId, string? serviceUrl, CancellationToken cancellationToken)
    {
        if (!_options.HasAppId)
        {
            return (null, "no app id is configured, so no token can be valid");
        }

        if (string.IsNullOrEmpty(header) || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return (null, "no bearer token");
        }

        var raw = header["Bearer ".Length..].Trim();
        if (_verified.TryGet(raw, out var known))
        {
            return await RecheckAsync(raw, known, channelId, serviceUrl, cancellationToken);
        }

        JsonWebToken token;
        try
        {
            token = _handler.ReadJsonWebToken(raw);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenMalformedException)
        {
            return (null, "the token is not a JWT");
        }

        if (!Algorithms.Contains(token.Alg, StringComparer.Ordinal))
        {
            return (null, $"algorithm '{token.Alg}' is not allowed");
        }

        if (string.IsNullOrEmpty(token.Kid))
        {
            return (null, "the token names no signing key");
        }

        var authority = _metadata.ForIssuer(token.Issuer);
        if (authority is null)
        {
            return (null, $"issuer '{token.Issuer}' is not trusted");
        }

        var (key, keyFailure) = await FindKeyAsync(authority, token.Kid, cancellationToken);
        if (key is null)
        {
            return (null, keyFailure);
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuers = authority.Issuers,
            ValidAudiences = _audiences,
            IssuerSigningKey = key.Key,
            TryAllIssuerSigningKeys = false,
            ValidAlgorithms = Algorithms,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = _options.ClockSkew,
            LifetimeValidator = (notBefore, expires, _, p) => LifetimeIsValid(notBefore, expires, p.ClockSkew),
        };

        // The token already parsed above: validating it, not its text, spares a second parse.
        var result = await _handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid)
        {
            return (null, result.Exception?.GetType().Name ?? "invalid token");
        }

        var verified = new ValidatedToken(token.Issuer, token.Kid, key, NotBefore(token), token.ValidTo == DateTime.MinValue ? null : token.ValidTo, result.ClaimsIdentity.Clone());
        _verified.Add(raw, verified);
        return CheckActivity(verified, authority, result.ClaimsIdentity, channelId, serviceUrl);
    }

    /// <summary>
    /// A token verified before (same text): the signature, issuer, audience and algorithm cannot have changed,
    /// but the world may have: the issuer must still be trusted, its key still published, the token still in
    /// its lifetime, and the activity it comes with must match it as on first sight.
    /// </summary>
    private async Task<(ClaimsIdentity? Identity, string Reason)> RecheckAsync(string raw, ValidatedToken known, string? channelId, string? serviceUrl, CancellationToken cancellationToken)
    {
        var authority = _metadata.ForIssuer(known.Issuer);
        if (authority is null)
        {
            _verified.Remove(raw);
            return (null, $"issuer '{known.Issuer}' is not trusted");
        }

        var (key, keyFailure) = await FindKeyAsync(authority, known.Kid, cancellationToken);
        if (key is null || !ReferenceEquals(key, known.Key))
        {
            // The keys were read again since (rotation or refresh): verify the signature afresh, once.
            _verified.Remove(raw);
            return key is null ? (null, keyFailure) : await ValidateCoreAsync("Bearer " + raw, channelId, serviceUrl, cancellationToken);
        }

        if (!LifetimeIsValid(known.NotBefore, known.Expires, _options.ClockSkew))
        {
            _verified.Remove(raw);
            return (null, "the token is outside its lifetime");
        }

        // Each request gets its own copy: a handler adding a claim must not add it to the next request's caller.
        var identity = known.Identity.Clone();
        return CheckActivity(known, authority, identity, channelId, serviceUrl);
    }

    private async Task<(SigningKey? Key, string Reason)> FindKeyAsync(TrustedAuthority authority, string kid, CancellationToken cancellationToken)
    {
        SigningKey? key;
        try
        {
            key = await authority.Metadata.FindKeyAsync(kid, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or System.Text.Json.JsonException or TaskCanceledException)
        {
            _logger.LogError(ex, "Could not read OpenID metadata from {Url}", authority.Metadata.MetadataUrl);
            return (null, "signing keys unavailable");
        }

        return key is null ? (null, $"unknown signing key '{kid}'") : (key, "");
    }

    /// <summary>What the token must say about the activity it came with: the channel endorsed for its key, and the same serviceUrl.</summary>
    private static (ClaimsIdentity? Identity, string Reason) CheckActivity(ValidatedToken token, TrustedAuthority authority, ClaimsIdentity identity, string? channelId, string? serviceUrl)
    {
        if (authority.RequiresEndorsement)
        {
            if (string.IsNullOrEmpty(channelId))
            {
                return (null, "the activity names no channel");
            }

            if (token.Key.Endorsements is null || !token.Key.Endorsements.Contains(channelId))
            {
                return (null, $"key '{token.Kid}' is not endorsed for channel '{channelId}'");
            }
        }

        var claimed = identity.FindFirst(ServiceUrlClaim)?.Value;
        if (string.IsNullOrEmpty(claimed) || string.IsNullOrEmpty(serviceUrl) || !SameServiceUrl(claimed, serviceUrl))
        {
            return (null, "serviceurl claim missing or different from the activity's serviceUrl");
        }

        return (identity, "");
    }

    private static DateTime? NotBefore(JsonWebToken token) =>
        token.TryGetPayloadValue<long>("nbf", out _) ? token.ValidFrom : null;

    // The handler's own lifetime check uses the wall clock; ours uses the injected TimeProvider so tests
    // with a fake clock see the same rules.
    private bool LifetimeIsValid(DateTime? notBefore, DateTime? expires, TimeSpan skew)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        if (expires is null || now - skew >= expires.Value)
        {
            return false;
        }

        return notBefore is null || now + skew >= notBefore.Value;
    }

    internal static bool SameServiceUrl(string a, string b) =>
        string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}

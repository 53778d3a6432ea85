using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using DialogueBot.BotFramework.Authentication;
using DialogueBot.BotFramework.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DialogueBot.Infrastructure.Api;

/// <summary>
/// Authenticates API and tab requests. In production: an Entra ID access token signed by the tenant's keys,
/// for one of our audiences, and of a kind <see cref="ApiTokenPolicy"/> accepts (a person's delegated token
/// from an allowed client, or an app-only token with the configured automation role); the caller is the
/// token's <c>oid</c>. In dev mode: loopback callers only, named by a header. Roles never come from the
/// token: they come from the org chart, server-side.
/// </summary>
public sealed class ApiAuthenticationHandler : AuthenticationHandler<AuthenticationSchemeOptions>
{
    public const string SchemeName = "DialogueBotApi";
    public const string ObjectIdClaim = "oid";

    private readonly BotAuthenticationOptions _bot;
    private readonly ApiAuthenticationOptions _api;
    private readonly ApiTokenKeys _keys;
    private readonly TimeProvider _time;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public ApiAuthenticationHandler(
        IOptionsMonitor<AuthenticationSchemeOptions> options,
        ILoggerFactory logger,
        UrlEncoder encoder,
        IOptions<BotAuthenticationOptions> bot,
        IOptions<ApiAuthenticationOptions> api,
        ApiTokenKeys keys,
        TimeProvider time)
        : base(options, logger, encoder)
    {
        _bot = bot.Value;
        _api = api.Value;
        _keys = keys;
        _time = time;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // The channel's token on /api/messages is the Bot Framework's, checked by BotTokenValidator: reading
        // it here as an Entra API token would fetch the tenant's keys for every inbound activity, in vain.
        if (Context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == BotFrameworkServiceCollectionExtensions.BotMessagesEndpointName)
        {
            return AuthenticateResult.NoResult();
        }

        if (_bot.DevMode && !_bot.HasAppId)
        {
            return AuthenticateDevCaller();
        }

        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header) || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var raw = header["Bearer ".Length..].Trim();
        JsonWebToken token;
        try
        {
            token = _handler.ReadJsonWebToken(raw);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenMalformedException)
        {
            return AuthenticateResult.Fail("Malformed token.");
        }

        if (string.IsNullOrEmpty(token.Kid))
        {
            return AuthenticateResult.Fail("The token names no key.");
        }

        SigningKey? key;
        try
        {
            key = await _keys.FindAsync(token.Kid, Context.RequestAborted);
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or System.Text.Json.JsonException)
        {
            Logger.LogError(ex, "Could not read the tenant's signing keys.");
            return AuthenticateResult.Fail("Signing keys unavailable.");
        }

        if (key is null)
        {
            return AuthenticateResult.Fail("Unknown signing key.");
        }

        var result = await _handler.ValidateTokenAsync(raw, new TokenValidationParameters
        {
            ValidIssuers = _keys.Issuers,
            ValidAudiences = Audiences(),
            IssuerSigningKey = key.Key,
            TryAllIssuerSigningKeys = false,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromMinutes(5),
            LifetimeValidator = (notBefore, expires, _, p) => LifetimeIsValid(notBefore, expires, p.ClockSkew),
        });
        if (!result.IsValid)
        {
            Logger.LogInformation("Refused an API token: {Reason}", result.Exception?.GetType().Name);
            return AuthenticateResult.Fail("Invalid token.");
        }

        var oid = result.ClaimsIdentity.FindFirst(ObjectIdClaim)?.Value;
        if (string.IsNullOrEmpty(oid))
        {
            return AuthenticateResult.Fail("The token names no user (oid).");
        }

        var refusal = ApiTokenPolicy.Refusal(result.ClaimsIdentity, _api, _api.ClientAppsFor(_api.ClientIdOf(_bot.AppId)));
        if (refusal is not null)
        {
            // A warning, unlike an expired token: a genuine, signed token of the wrong kind is a misconfigured
            // client or someone trying a token minted for something else.
            Logger.LogWarning("Refused an API token: {Reason}.", refusal);
            return AuthenticateResult.Fail("This token is not accepted here: " + refusal + ".");
        }

        return Success(oid, result.ClaimsIdentity.Claims);
    }

    private AuthenticateResult AuthenticateDevCaller()
    {
        var remote = Context.Connection.RemoteIpAddress;
        if (remote is null || !IPAddress.IsLoopback(remote))
        {
            return AuthenticateResult.Fail("Dev mode serves loopback callers only.");
        }

        // DevModeRequestGate refuses these before routing; checked again here because this is where a
        // header picks an identity.
        if (DevModeGuard.RefusalOf(Request) is { } refusal)
        {
            return AuthenticateResult.Fail("Dev mode refused the request: " + refusal + ".");
        }

        string? user = Request.Headers[_api.DevUserHeader];
        if (string.IsNullOrWhiteSpace(user))
        {
            user = Request.Query["devUser"];
        }

        if (string.IsNullOrWhiteSpace(user))
        {
            user = _api.DevDefaultUser;
        }

        return string.IsNullOrWhiteSpace(user) ? AuthenticateResult.NoResult() : Success(user.Trim(), []);
    }

    private static AuthenticateResult Success(string oid, IEnumerable<Claim> claims)
    {
        var identity = new ClaimsIdentity(claims.Where(c => c.Type != ObjectIdClaim).Append(new Claim(ObjectIdClaim, oid.ToLowerInvariant())), SchemeName, ObjectIdClaim, null);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private List<string> Audiences()
    {
        if (_api.Audiences.Count > 0)
        {
            return [.. _api.Audiences];
        }

        return _bot.HasAppId ? [_bot.AppId!, $"api://{_bot.AppId}"] : [];
    }

    private bool LifetimeIsValid(DateTime? notBefore, DateTime? expires, TimeSpan skew)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return expires is not null && now - skew < expires.Value && (notBefore is null || now + skew >= notBefore.Value);
    }
}

/// <summary>The tenant's signing keys for API tokens (cached, refreshed on an unknown key id).</summary>
public sealed class ApiTokenKeys
{
    private readonly OpenIdMetadata? _metadata;

    public ApiTokenKeys(IOptions<BotAuthenticationOptions> bot, IOptions<ApiAuthenticationOptions> api, IHttpClientFactory http, TimeProvider time)
    {
        var tenant = api.Value.TenantId ?? bot.Value.TenantId;
        var authority = bot.Value.AuthorityHost.TrimEnd('/');
        Issuers = api.Value.Issuers.Count > 0
            ? [.. api.Value.Issuers]
            : string.IsNullOrEmpty(tenant) ? [] : [$"{authority}/{tenant}/v2.0", $"{bot.Value.LegacyIssuerHost.TrimEnd('/')}/{tenant}/"];
        var url = api.Value.MetadataUrl ?? (string.IsNullOrEmpty(tenant) ? null : $"{authority}/{tenant}/v2.0/.well-known/openid-configuration");
        if (url is not null)
        {
            _metadata = new OpenIdMetadata(http.CreateClient(HttpClientNames.Metadata), url, bot.Value, time);
        }
    }

    public IReadOnlyList<string> Issuers { get; }

    public Task<SigningKey?> FindAsync(string kid, CancellationToken cancellationToken) =>
        _metadata is null ? Task.FromResult<SigningKey?>(null) : _metadata.FindKeyAsync(kid, cancellationToken);
}

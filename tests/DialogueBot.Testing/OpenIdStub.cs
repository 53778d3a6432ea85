using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DialogueBot.Testing;

/// <summary>
/// A local token issuer: serves an OpenID metadata document and a JWKS (with Bot Framework endorsements)
/// on loopback, and mints RS256 tokens with those keys — or with keys it does not publish, for forgeries.
/// Plays login.botframework.com (channel tokens) and an Entra tenant (tab SSO tokens) in tests.
/// </summary>
public sealed class OpenIdStub : IAsyncDisposable
{
    public const string BotFrameworkIssuer = "https://api.botframework.com";

    private readonly WebApplication _app;
    private readonly List<PublishedKey> _keys = [];
    private readonly object _gate = new();

    private OpenIdStub(WebApplication app, int port)
    {
        _app = app;
        Port = port;
        ActiveKey = AddKey(["msteams"]);
    }

    public int Port { get; }

    public string MetadataUrl => $"http://127.0.0.1:{Port}/.well-known/openidconfiguration";

    /// <summary>How many times the keys were fetched (to check caching and refresh on unknown kid).</summary>
    public int KeyFetches { get; private set; }

    public PublishedKey ActiveKey { get; private set; }

    public static async Task<OpenIdStub> StartAsync()
    {
        var port = FreePort.Next();
        // No watcher on appsettings files: each is an inotify instance, and a suite (or eight) of stubs runs out.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stub = new OpenIdStub(app, port);
        app.MapGet("/.well-known/openidconfiguration", () => Results.Json(new { issuer = BotFrameworkIssuer, jwks_uri = $"http://127.0.0.1:{port}/keys", id_token_signing_alg_values_supported = new[] { "RS256" } }));
        app.MapGet("/keys", stub.Jwks);
        await app.StartAsync();
        return stub;
    }

    /// <summary>Publishes a new key (rotation) and signs with it from now on.</summary>
    public PublishedKey RotateKey(string[]? endorsements = null)
    {
        ActiveKey = AddKey(endorsements ?? ["msteams"]);
        return ActiveKey;
    }

    /// <summary>
    /// Publishes a key without signing with it by default (pass it as <see cref="TokenSpec.SigningKey"/>), so
    /// one issuer can serve a class of tests: a key endorsed for another channel leaves the active one alone.
    /// </summary>
    public PublishedKey PublishKey(string[] endorsements) => AddKey(endorsements);

    /// <summary>A key that is never published: tokens signed with it are forgeries.</summary>
    public static PublishedKey Unpublished(string kid) => new(kid, RSA.Create(2048), []);

    /// <summary>Mints a token; every part can be overridden to make it invalid in one specific way.</summary>
    public string Issue(TokenSpec spec)
    {
        var key = spec.SigningKey ?? ActiveKey;
        var now = spec.Now ?? DateTimeOffset.UtcNow;
        var claims = new Dictionary<string, object>(spec.ExtraClaims ?? new Dictionary<string, object>());
        if (spec.ServiceUrl is not null)
        {
            claims["serviceurl"] = spec.ServiceUrl;
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = spec.Issuer ?? BotFrameworkIssuer,
            Audience = spec.Audience,
            IssuedAt = (spec.NotBefore ?? now.AddMinutes(-1)).UtcDateTime,
            NotBefore = (spec.NotBefore ?? now.AddMinutes(-1)).UtcDateTime,
            Expires = (spec.Expires ?? now.AddHours(1)).UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key.Rsa) { KeyId = spec.KidOverride ?? key.Kid }, spec.Algorithm ?? SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>A token with <c>alg: none</c> and no signature, claiming everything else correctly.</summary>
    public static string Unsigned(string audience, string serviceUrl, string issuer = BotFrameworkIssuer)
    {
        static string B64(string s) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(s));
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var payload = new JsonObject { ["iss"] = issuer, ["aud"] = audience, ["serviceurl"] = serviceUrl, ["nbf"] = now - 60, ["exp"] = now + 3600 };
        return B64("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"none\"}") + "." + B64(payload.ToJsonString()) + ".";
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        foreach (var key in _keys)
        {
            key.Rsa.Dispose();
        }
    }

    private PublishedKey AddKey(string[] endorsements)
    {
        var key = new PublishedKey("kid-" + Guid.NewGuid().ToString("N")[..8], RSA.Create(2048), endorsements);
        lock (_gate)
        {
            _keys.Add(key);
        }

        return key;
    }

    private IResult Jwks()
    {
        KeyFetches++;
        var keys = new JsonArray();
        lock (_gate)
        {
            foreach (var key in _keys)
            {
                var p = key.Rsa.ExportParameters(false);
                keys.Add(new JsonObject
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["kid"] = key.Kid,
                    ["n"] = Base64UrlEncoder.Encode(p.Modulus),
                    ["e"] = Base64UrlEncoder.Encode(p.Exponent),
                    ["endorsements"] = new JsonArray(key.Endorsements.Select(e => (JsonNode)JsonValue.Create(e)!).ToArray()),
                });
            }
        }

        return Results.Content(new JsonObject { ["keys"] = keys }.ToJsonString(), "application/json");
    }
}

public sealed record PublishedKey(string Kid, RSA Rsa, string[] Endorsements);

/// <summary>What to put in a token. Leave a field null for the valid default.</summary>
public sealed record TokenSpec
{
    public required string Audience { get; init; }
    public string? ServiceUrl { get; init; }
    public string? Issuer { get; init; }
    public DateTimeOffset? Now { get; init; }
    public DateTimeOffset? NotBefore { get; init; }
    public DateTimeOffset? Expires { get; init; }
    public PublishedKey? SigningKey { get; init; }
    public string? KidOverride { get; init; }
    public string? Algorithm { get; init; }
    public IDictionary<string, object>? ExtraClaims { get; init; }
}

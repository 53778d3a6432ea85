using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using DialogueBot.Testing;
using DialogueBot.Tests.Protocol;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DialogueBot.Tests.Hostile;

/// <summary>
/// The token forgeries of issue 7 beyond those in <see cref="InboundAuthenticationTests"/> (which covers
/// the basic list; the checklist test below proves every issue-7 case is in one of the two). Each must be
/// a 401, with nothing sent and nothing stored.
/// </summary>
public sealed class TokenForgeryTests(TokenForgeryTests.Host host) : IClassFixture<TokenForgeryTests.Host>
{
    private const string AppId = "6a4c7d1e-1c2b-4b7e-9f0a-5d4e3c2b1a09";
    private const string OtherBot = "0f0f0f0f-1111-2222-3333-444444444444";
    private readonly OpenIdStub _openId = host.OpenId;
    private readonly ConnectorStub _connector = host.Connector;
    private readonly BotAppFactory _bot = host.Bot;
    private readonly TeamsUser _user = DemoUsers.Alex(host.Connector.ServiceUrl);

    /// <summary>One bot with an app id for every case (each refusal leaves it untouched, which the cases check).</summary>
    public sealed class Host : IAsyncLifetime
    {
        public OpenIdStub OpenId { get; private set; } = null!;
        public ConnectorStub Connector { get; private set; } = null!;
        public BotAppFactory Bot { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            OpenId = await OpenIdStub.StartAsync();
            Connector = await ConnectorStub.StartAsync();
            Bot = await BotAppFactory.StartAsync(new BotAppOptions { AppId = AppId, OpenId = OpenId, Connector = Connector });
        }

        public async Task DisposeAsync()
        {
            await Bot.DisposeAsync();
            await Connector.DisposeAsync();
            await OpenId.DisposeAsync();
        }
    }

    private TokenSpec Valid => new() { Audience = AppId, ServiceUrl = _connector.ServiceUrl };

    /// <summary>The issue's list, each with the case that proves it (here or in InboundAuthenticationTests).</summary>
    public static readonly IReadOnlyDictionary<string, string> Issue7Checklist = new Dictionary<string, string>
    {
        ["forged signature"] = "forged signature",
        ["alg: none"] = "alg none",
        ["wrong kid"] = "unknown kid",
        ["wrong issuer"] = "wrong issuer",
        ["wrong audience"] = "wrong audience",
        ["expired"] = "expired",
        ["not yet valid"] = "not yet valid",
        ["serviceUrl mismatch"] = "serviceUrl claim of another host",
        ["replay of a token from another bot"] = "token of another bot",
    };

    public static TheoryData<string> Forgeries => new()
    {
        "tampered claims under a genuine signature",
        "signature stripped",
        "alg None in another spelling",
        "ES256 signed by the attacker",
        "attacker key embedded in the header (jwk)",
        "attacker key set linked from the header (jku)",
        "no expiry",
        "token of another bot (api:// form)",
        "token of another bot (botid form)",
        "activity serviceUrl differs from the token's claim",
        "activity from a channel the key is not endorsed for",
        "issuer of another Entra tenant",
        "Entra v1 issuer signed with a channel key",
        "Basic scheme",
        "Bearer with nothing after it",
        "oversized garbage",
        "valid token glued to garbage",
    };

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task Every_forgery_is_refused_with_401_and_nothing_is_sent_or_stored(string kind)
    {
        var activity = _user.Install();
        string? header = "Bearer " + kind switch
        {
            "tampered claims under a genuine signature" => Tamper(_openId.Issue(Valid), payload => payload["exp"] = DateTimeOffset.UtcNow.AddDays(30).ToUnixTimeSeconds()),
            "signature stripped" => StripSignature(_openId.Issue(Valid)),
            "alg None in another spelling" => Unsigned("None"),
            "ES256 signed by the attacker" => SignedWith(new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = _openId.ActiveKey.Kid }, SecurityAlgorithms.EcdsaSha256),
            "attacker key embedded in the header (jwk)" => AttackerWithHeader("jwk", null),
            "attacker key set linked from the header (jku)" => AttackerWithHeader("jku", "https://evil.example/keys"),
            "no expiry" => NoExpiry(),
            "token of another bot (api:// form)" => _openId.Issue(Valid with { Audience = $"api://{OtherBot}" }),
            "token of another bot (botid form)" => _openId.Issue(Valid with { Audience = $"api://botid-{OtherBot}" }),
            "activity serviceUrl differs from the token's claim" => _openId.Issue(Valid with { ServiceUrl = "http://127.0.0.1:1/" }),
            "activity from a channel the key is not endorsed for" => _openId.Issue(Valid),
            "issuer of another Entra tenant" => _openId.Issue(Valid with { Issuer = $"https://sts.windows.net/{Guid.NewGuid()}/" }),
            "Entra v1 issuer signed with a channel key" => _openId.Issue(Valid with { Issuer = $"https://sts.windows.net/{TeamsUser.TenantId}/" }),
            "Basic scheme" => null,
            "Bearer with nothing after it" => "",
            "oversized garbage" => "eyJ" + new string('A', 300_000) + ".eyJ.sig",
            "valid token glued to garbage" => _openId.Issue(Valid) + "garbage",
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        if (kind == "Basic scheme")
        {
            header = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(AppId + ":secret"));
        }

        if (kind == "activity from a channel the key is not endorsed for")
        {
            activity.ChannelId = "webchat";
        }

        var snapshot = new DialogueBot.Testing.Hostile.StorageSnapshot(_bot);
        var before = await snapshot.TakeAsync();
        var connectorCalls = _connector.Requests.Count;

        using var response = await PostAsync(activity, header);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(connectorCalls, _connector.Requests.Count);
        Assert.Equal(before, await snapshot.TakeAsync());
    }

    [Fact]
    public async Task The_same_request_with_a_valid_token_is_accepted_so_each_forgery_fails_for_its_one_flaw()
    {
        // A message, not an install: an accepted install would write, and the forgeries share this host.
        using var response = await PostAsync(DemoUsers.Megan(_connector.ServiceUrl).Message("help"), "Bearer " + _openId.Issue(Valid));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void Every_token_case_of_issue_7_is_covered()
    {
        var cases = Names(InboundAuthenticationTests.Forgeries).Concat(Names(Forgeries)).ToHashSet();

        Assert.All(Issue7Checklist, item => Assert.True(cases.Contains(item.Value), $"issue 7 asks for '{item.Key}', proved by case '{item.Value}', which is missing"));
    }

    private static IEnumerable<string> Names(TheoryData<string> data) => ((IEnumerable<object[]>)data).Select(row => (string)row[0]);

    private async Task<HttpResponseMessage> PostAsync(DialogueBot.BotFramework.Schema.Activity activity, string? authorization)
    {
        using var client = _bot.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(DialogueBot.BotFramework.Schema.BotJson.Serialize(activity), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return await client.SendAsync(request);
    }

    private static string Tamper(string token, Action<JsonObject> change)
    {
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject();
        change(payload);
        return $"{parts[0]}.{Base64UrlEncoder.Encode(payload.ToJsonString())}.{parts[2]}";
    }

    private static string StripSignature(string token) => token[..(token.LastIndexOf('.') + 1)];

    private string Unsigned(string alg)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = new JsonObject { ["alg"] = alg, ["typ"] = "JWT", ["kid"] = _openId.ActiveKey.Kid };
        var payload = new JsonObject { ["iss"] = OpenIdStub.BotFrameworkIssuer, ["aud"] = AppId, ["serviceurl"] = _connector.ServiceUrl, ["nbf"] = now - 60, ["exp"] = now + 3600 };
        return Base64UrlEncoder.Encode(header.ToJsonString()) + "." + Base64UrlEncoder.Encode(payload.ToJsonString()) + ".";
    }

    private string SignedWith(SecurityKey key, string algorithm, IDictionary<string, object>? headers = null, bool expires = true) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = OpenIdStub.BotFrameworkIssuer,
            Audience = AppId,
            NotBefore = DateTime.UtcNow.AddMinutes(-1),
            Expires = expires ? DateTime.UtcNow.AddHours(1) : null,
            Claims = new Dictionary<string, object> { ["serviceurl"] = _connector.ServiceUrl },
            AdditionalHeaderClaims = headers,
            SigningCredentials = new SigningCredentials(key, algorithm),
        });

    // The attacker names the bot's real key id but signs with their own key and points at it.
    private string AttackerWithHeader(string header, string? value)
    {
        var attacker = RSA.Create(2048);
        var p = attacker.ExportParameters(false);
        object claim = value is not null ? value : new Dictionary<string, object> { ["kty"] = "RSA", ["n"] = Base64UrlEncoder.Encode(p.Modulus), ["e"] = Base64UrlEncoder.Encode(p.Exponent), ["kid"] = _openId.ActiveKey.Kid };
        return SignedWith(new RsaSecurityKey(attacker) { KeyId = _openId.ActiveKey.Kid }, SecurityAlgorithms.RsaSha256, new Dictionary<string, object> { [header] = claim });
    }

    private string NoExpiry() => SignedWith(new RsaSecurityKey(_openId.ActiveKey.Rsa) { KeyId = _openId.ActiveKey.Kid }, SecurityAlgorithms.RsaSha256, expires: false);
}

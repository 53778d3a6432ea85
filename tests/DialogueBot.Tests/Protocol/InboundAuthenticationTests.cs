using System.Net;
using DialogueBot.Testing;
using Microsoft.IdentityModel.Tokens;

namespace DialogueBot.Tests.Protocol;

/// <summary>
/// Bot Framework JWT validation through the real ASP.NET pipeline, with signing keys served by a local
/// OpenID metadata endpoint. One valid token is accepted; each way of being invalid is a 401.
/// </summary>
/// <remarks>
/// One host and issuer for the class: key-fetch counts are compared before and after within a test, and no
/// test changes which key the issuer signs with except to another msteams key the host can fetch.
/// </remarks>
public sealed class InboundAuthenticationTests(SharedBot host) : IAsyncLifetime, IClassFixture<SharedBot>
{
    private const string AppId = "6a4c7d1e-1c2b-4b7e-9f0a-5d4e3c2b1a09";
    private OpenIdStub _openId = null!;
    private ConnectorStub _connector = null!;
    private BotAppFactory _bot = null!;
    private TeamsUser _user = null!;

    public async Task InitializeAsync()
    {
        _openId = await host.OpenIdAsync();
        (_connector, _bot) = await host.ForTestAsync(o => o with { AppId = AppId, OpenId = _openId });
        _user = DemoUsers.Alex(_connector.ServiceUrl);
    }

    public Task DisposeAsync() => Task.CompletedTask; // the fixture stops the host after the class

    private TokenSpec Valid => new() { Audience = AppId, ServiceUrl = _connector.ServiceUrl };

    private async Task<HttpStatusCode> PostHelpAsync(string? token)
    {
        using var response = await _bot.PostActivityAsync(_user.Message("help"), token);
        return response.StatusCode;
    }

    [Fact]
    public async Task A_valid_channel_token_is_accepted_and_the_reply_carries_the_bots_own_token()
    {
        Assert.Equal(HttpStatusCode.OK, await PostHelpAsync(_openId.Issue(Valid)));

        var reply = await _connector.WaitForAsync(a => a.ConversationId == _user.ConversationId);
        Assert.Equal("Bearer outbound-test-token", reply.Authorization);
    }

    [Fact]
    public async Task The_api_botid_audience_forms_are_accepted_too()
    {
        Assert.Equal(HttpStatusCode.OK, await PostHelpAsync(_openId.Issue(Valid with { Audience = $"api://{AppId}" })));
        Assert.Equal(HttpStatusCode.OK, await PostHelpAsync(_openId.Issue(Valid with { Audience = $"api://botid-{AppId}" })));
    }

    public static TheoryData<string> Forgeries => new()
    {
        "missing token",
        "not a JWT",
        "forged signature",
        "alg none",
        "unknown kid",
        "HS256 with the public key",
        "wrong audience",
        "token of another bot",
        "wrong issuer",
        "expired",
        "not yet valid",
        "serviceUrl claim of another host",
        "no serviceUrl claim",
        "key not endorsed for msteams",
    };

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task Every_invalid_token_is_refused_with_401_and_nothing_is_sent(string kind)
    {
        var token = kind switch
        {
            "missing token" => null,
            "not a JWT" => "definitely-not-a-jwt",
            "forged signature" => _openId.Issue(Valid with { SigningKey = OpenIdStub.Unpublished(_openId.ActiveKey.Kid) }),
            "alg none" => OpenIdStub.Unsigned(AppId, _connector.ServiceUrl),
            "unknown kid" => _openId.Issue(Valid with { SigningKey = OpenIdStub.Unpublished("kid-never-published") }),
            "HS256 with the public key" => HmacWithPublicKey(),
            "wrong audience" => _openId.Issue(Valid with { Audience = "https://graph.microsoft.com" }),
            "token of another bot" => _openId.Issue(Valid with { Audience = "0f0f0f0f-1111-2222-3333-444444444444" }),
            "wrong issuer" => _openId.Issue(Valid with { Issuer = "https://evil.example" }),
            "expired" => _openId.Issue(Valid with { NotBefore = DateTimeOffset.UtcNow.AddHours(-2), Expires = DateTimeOffset.UtcNow.AddMinutes(-6) }),
            "not yet valid" => _openId.Issue(Valid with { NotBefore = DateTimeOffset.UtcNow.AddMinutes(10), Expires = DateTimeOffset.UtcNow.AddHours(1) }),
            "serviceUrl claim of another host" => _openId.Issue(Valid with { ServiceUrl = "https://smba.trafficmanager.net/emea/" }),
            "no serviceUrl claim" => _openId.Issue(Valid with { ServiceUrl = null }),
            "key not endorsed for msteams" => _openId.Issue(Valid with { SigningKey = _openId.PublishKey(["webchat"]) }),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        Assert.Equal(HttpStatusCode.Unauthorized, await PostHelpAsync(token));
        Assert.Empty(_connector.Requests);
    }

    [Fact]
    public async Task Clock_skew_of_up_to_five_minutes_is_tolerated()
    {
        var token = _openId.Issue(Valid with { NotBefore = DateTimeOffset.UtcNow.AddHours(-1), Expires = DateTimeOffset.UtcNow.AddMinutes(-4) });

        Assert.Equal(HttpStatusCode.OK, await PostHelpAsync(token));
    }

    [Fact]
    public async Task A_rotated_key_is_fetched_when_a_token_names_it()
    {
        Assert.Equal(HttpStatusCode.OK, await PostHelpAsync(_openId.Issue(Valid)));
        var fetchesBefore = _openId.KeyFetches;

        var rotated = _openId.RotateKey();
        Assert.Equal(HttpStatusCode.OK, await PostHelpAsync(_openId.Issue(Valid with { SigningKey = rotated })));

        Assert.Equal(fetchesBefore + 1, _openId.KeyFetches);
    }

    [Fact]
    public async Task Keys_are_cached_between_requests()
    {
        await PostHelpAsync(_openId.Issue(Valid));
        var fetches = _openId.KeyFetches;

        for (var i = 0; i < 5; i++)
        {
            await PostHelpAsync(_openId.Issue(Valid));
        }

        Assert.Equal(fetches, _openId.KeyFetches);
    }

    [Fact]
    public async Task A_token_accepted_once_is_checked_again_against_each_activity_it_comes_with()
    {
        // The validator remembers verified tokens (Teams reuses one until it expires); what depends on the
        // activity must still be checked every time.
        var token = _openId.Issue(Valid);
        Assert.Equal(HttpStatusCode.OK, await PostHelpAsync(token));

        var otherServiceUrl = new TeamsUser(_user.AadObjectId, _user.Name, "http://127.0.0.1:9/");
        using var wrongServiceUrl = await _bot.PostActivityAsync(otherServiceUrl.Message("help"), token);
        var otherChannel = _user.Message("help");
        otherChannel.ChannelId = "webchat";
        using var wrongChannel = await _bot.PostActivityAsync(otherChannel, token);

        Assert.Equal(HttpStatusCode.Unauthorized, wrongServiceUrl.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongChannel.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await PostHelpAsync(token));
    }

    [Fact]
    public async Task A_token_accepted_once_is_refused_once_it_has_expired()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bot = await BotAppFactory.StartAsync(new BotAppOptions { AppId = AppId, OpenId = _openId, Connector = _connector, Time = clock });
        var token = _openId.Issue(Valid with { Expires = DateTimeOffset.UtcNow.AddMinutes(10) });
        using var accepted = await bot.PostActivityAsync(_user.Message("help"), token);

        clock.Advance(TimeSpan.FromMinutes(16)); // past the expiry and the five minutes of skew
        using var refused = await bot.PostActivityAsync(_user.Message("help"), token);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task An_anonymous_request_from_loopback_is_refused_when_an_app_id_is_set()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await PostHelpAsync(null));
    }

    // An attacker who knows the RSA public key signs with HMAC using the key bytes as the secret.
    private string HmacWithPublicKey()
    {
        var modulus = _openId.ActiveKey.Rsa.ExportParameters(false).Modulus!;
        var key = new SymmetricSecurityKey(modulus) { KeyId = _openId.ActiveKey.Kid };
        var handler = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler();
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = OpenIdStub.BotFrameworkIssuer,
            Audience = AppId,
            Expires = DateTime.UtcNow.AddHours(1),
            Claims = new Dictionary<string, object> { ["serviceurl"] = _connector.ServiceUrl },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }
}

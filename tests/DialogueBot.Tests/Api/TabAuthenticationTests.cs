using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DialogueBot.Org;
using DialogueBot.Pulse.Lifecycle;
using DialogueBot.Pulse.Runs;
using DialogueBot.Testing;
using DialogueBot.Tests.Pulse;

namespace DialogueBot.Tests.Api;

/// <summary>
/// Tab SSO in production mode: the tab pages call the API with the Teams SSO token (an Entra access token
/// for api://{domain}/{clientId}). Keys come from a local OpenID metadata endpoint; issuers are the ones the
/// app derives from its tenant; audiences are set as infra/ sets them. Roles come from the org chart only.
/// </summary>
public sealed class TabAuthenticationTests(SharedBot host) : IAsyncLifetime, IClassFixture<SharedBot>
{
    private const string BotAppId = "6a4c7d1e-1c2b-4b7e-9f0a-5d4e3c2b1a09";
    private const string ClientId = "7b5d8e2f-2d3c-4c8f-8a1b-6e5f4d3c2b1a";
    private const string Tenant = TeamsUser.TenantId;
    private const string ApplicationIdUri = $"api://dialoguebot-test.azurewebsites.net/{ClientId}";
    private const string V2Issuer = $"https://login.microsoftonline.com/{Tenant}/v2.0";
    private const string V1Issuer = $"https://sts.windows.net/{Tenant}/";

    private const string Megan = "00000000-0000-0000-0000-0000000000021"; // executive
    private const string Adele = "00000000-0000-0000-0000-0000000000022"; // manager
    private const string Patti = "00000000-0000-0000-0000-0000000000024"; // executive and HR
    private const string Stranger = "e0000000-0000-4000-8000-00000000beef"; // not in the org chart

    private OpenIdStub _openId = null!;
    private ConnectorStub _connector = null!;
    private BotAppFactory _bot = null!;

    public async Task InitializeAsync()
    {
        _openId = await host.OpenIdAsync();
        (_connector, _bot) = await host.ForTestAsync(o => BotOptions(o, _openId));
    }

    public Task DisposeAsync() => Task.CompletedTask; // the fixture stops the host after the class

    private static BotAppOptions BotOptions(BotAppOptions options, OpenIdStub openId)
    {
        var settings = new Dictionary<string, string?>(PulseTest.PulseSettings())
        {
            ["Api:MetadataUrl"] = openId.MetadataUrl,
            ["Api:Audiences:0"] = ClientId,
            ["Api:Audiences:1"] = ApplicationIdUri,
        };
        return options with { AppId = BotAppId, OpenId = openId, Settings = settings };
    }

    /// <summary>A Teams SSO token as Entra issues it (v2), for the person with this AAD object id.</summary>
    private TokenSpec Sso(string oid, string audience = ClientId, string issuer = V2Issuer) => new()
    {
        Audience = audience,
        Issuer = issuer,
        ExtraClaims = new Dictionary<string, object>
        {
            ["oid"] = oid,
            ["tid"] = Tenant,
            ["scp"] = "access_as_user",
            ["ver"] = issuer == V2Issuer ? "2.0" : "1.0",
            // Teams desktop asks for the token: v2 names the client in azp, v1 in appid (ApiTokenKindTests).
            [issuer == V2Issuer ? "azp" : "appid"] = EntraTokens.TeamsDesktop,
        },
    };

    private Task<HttpResponseMessage> GetAsync(string path, string? token, Action<HttpRequestHeaders>? headers = null) =>
        GetAsync(_bot, path, token, headers);

    private static async Task<HttpResponseMessage> GetAsync(BotAppFactory bot, string path, string? token, Action<HttpRequestHeaders>? headers = null)
    {
        using var client = bot.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        headers?.Invoke(request.Headers);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task A_valid_SSO_token_reads_the_page_data()
    {
        var token = _openId.Issue(Sso(Megan));

        using var summary = await GetAsync("/api/org/summary", token);
        using var me = await GetAsync("/api/me", token);

        Assert.Equal(HttpStatusCode.OK, summary.StatusCode);
        Assert.Equal(30, (await summary.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("people").GetInt32());
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        var body = await me.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Megan Bowen", body.GetProperty("name").GetString());
        Assert.Equal(["executive"], body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!));
    }

    [Fact]
    public async Task A_v1_token_for_the_Application_ID_URI_is_accepted_too()
    {
        // Teams hands out v1 tokens (iss sts.windows.net, aud = the Application ID URI) when the app
        // registration's accessTokenAcceptedVersion is unset.
        using var me = await GetAsync("/api/me", _openId.Issue(Sso(Adele, ApplicationIdUri, V1Issuer)));

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        var roles = (await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Equal(["manager"], roles);
    }

    public static TheoryData<string> InvalidTokens() =>
    [
        "wrong audience",
        "the bot's channel audience",
        "expired",
        "not yet valid",
        "wrong signature",
        "unknown key",
        "another tenant",
        "unsigned",
        "RS512, not RS256",
        "no oid",
        "not a token",
    ];

    [Theory]
    [MemberData(nameof(InvalidTokens))]
    public async Task An_invalid_token_is_refused_with_401(string how)
    {
        var now = DateTimeOffset.UtcNow;
        var valid = Sso(Megan);
        var token = how switch
        {
            "wrong audience" => _openId.Issue(valid with { Audience = "api://other.example/" + ClientId }),
            "the bot's channel audience" => _openId.Issue(valid with { Audience = "https://api.botframework.com" }),
            "expired" => _openId.Issue(valid with { NotBefore = now.AddHours(-2), Expires = now.AddMinutes(-10) }),
            "not yet valid" => _openId.Issue(valid with { NotBefore = now.AddMinutes(10), Expires = now.AddHours(1) }),
            "wrong signature" => _openId.Issue(valid with { SigningKey = OpenIdStub.Unpublished(_openId.ActiveKey.Kid) }),
            "unknown key" => _openId.Issue(valid with { SigningKey = OpenIdStub.Unpublished("kid-never-published") }),
            "another tenant" => _openId.Issue(valid with { Issuer = "https://login.microsoftonline.com/99999999-9999-4999-8999-999999999999/v2.0" }),
            "unsigned" => OpenIdStub.Unsigned(ClientId, "", V2Issuer),
            "RS512, not RS256" => _openId.Issue(valid with { Algorithm = Microsoft.IdentityModel.Tokens.SecurityAlgorithms.RsaSha512 }),
            "no oid" => _openId.Issue(valid with { ExtraClaims = new Dictionary<string, object> { ["tid"] = Tenant } }),
            "not a token" => "not-a-jwt",
            _ => throw new ArgumentOutOfRangeException(nameof(how)),
        };

        using var summary = await GetAsync("/api/org/summary", token);
        using var me = await GetAsync("/api/me", token);

        Assert.Equal(HttpStatusCode.Unauthorized, summary.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Fact]
    public async Task Without_a_token_the_API_answers_401_and_the_dev_header_is_ignored()
    {
        using var response = await GetAsync("/api/me", token: null, h => h.Add("X-Dev-User", Megan));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_signed_in_person_outside_the_org_chart_gets_403_saying_so()
    {
        var token = _openId.Issue(Sso(Stranger));

        foreach (var path in new[] { "/api/me", "/api/org/summary" })
        {
            using var response = await GetAsync(path, token);

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("Not in the org chart", problem.GetProperty("title").GetString());
            Assert.Contains("not in your organisation's chart", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_manager_gets_403_from_an_executive_only_endpoint()
    {
        using var response = await GetAsync("/api/org/summary", _openId.Issue(Sso(Adele)));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("executive or HR", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Roles_in_the_token_count_for_nothing_the_org_chart_decides()
    {
        var spec = Sso(Adele);
        spec.ExtraClaims!["roles"] = new[] { "executive", "hr" };

        using var response = await GetAsync("/api/org/summary", _openId.Issue(spec));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Signing_keys_are_cached_not_fetched_per_request()
    {
        // An issuer and a host of their own: the class's shared ones have fetched keys for earlier tests.
        await using var openId = await OpenIdStub.StartAsync();
        await using var bot = await BotAppFactory.StartAsync(BotOptions(new BotAppOptions { Connector = _connector }, openId));
        var token = openId.Issue(Sso(Megan));
        for (var i = 0; i < 5; i++)
        {
            using var response = await GetAsync(bot, "/api/me", token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(1, openId.KeyFetches);
    }

    // Issue 6: the results tab reads /api/pulses/{id}/results with the Teams SSO token. An executive sees
    // figures only for groups of at least k; a manager sees none at all.
    [Fact]
    public async Task An_executive_SSO_token_reads_pulse_results_with_groups_under_the_threshold_suppressed()
    {
        // 7 managers answer: 5 in Engineering, 2 in Operations; only 3 of them write a comment.
        var engineering = Managers("Engineering").Take(5).ToList();
        var operations = Managers("Operations").Take(2).ToList();
        var (pulseId, runId) = await CreateClosedPulseAsync(engineering.Concat(operations).ToList(), commenters: 3);
        var token = _openId.Issue(Sso(Megan));

        using var response = await GetAsync($"/api/pulses/{pulseId}/results", token);
        using var small = await GetAsync($"/api/pulses/{pulseId}/results?filter=unit:Operations", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(runId, results.GetProperty("runId").GetString());
        Assert.Equal("Ready", results.GetProperty("status").GetString());
        Assert.Equal(7, results.GetProperty("respondents").GetInt32());
        Assert.Equal(5, results.GetProperty("minimumGroupSize").GetInt32());
        var questions = results.GetProperty("questions").EnumerateArray().ToList();
        Assert.Equal(7, questions[0].GetProperty("answers").GetInt32());
        // The comment question had 3 answers: hidden, and none of its texts is in the response.
        Assert.Equal(JsonValueKind.Null, questions[3].GetProperty("answers").ValueKind);
        Assert.Contains("Fewer than 5", questions[3].GetProperty("suppressed").GetString(), StringComparison.Ordinal);
        Assert.Empty(questions[3].GetProperty("comments").EnumerateArray());
        Assert.DoesNotContain("comment from", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Operations (2 people) is never offered as a filter, nor is Engineering (everyone minus it leaves 2).
        var filters = results.GetProperty("filters").EnumerateArray().Select(f => f.GetProperty("key").GetString()!).ToList();
        Assert.DoesNotContain(filters, f => f.StartsWith("unit:Operations", StringComparison.Ordinal) || f.StartsWith("unit:Engineering", StringComparison.Ordinal));
        // Asking for it anyway is refused, with no figures.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, small.StatusCode);
        var refused = await small.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(refused.TryGetProperty("respondents", out _));
        Assert.False(refused.TryGetProperty("questions", out _));
    }

    [Fact]
    public async Task An_executive_SSO_token_gets_no_figures_for_a_pulse_fewer_than_k_answered()
    {
        var (pulseId, _) = await CreateClosedPulseAsync(Managers("Engineering").Take(4).ToList(), commenters: 4);

        using var response = await GetAsync($"/api/pulses/{pulseId}/results", _openId.Issue(Sso(Megan)));
        using var csv = await GetAsync($"/api/pulses/{pulseId}/results?format=csv", _openId.Issue(Sso(Megan)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var results = JsonDocument.Parse(text).RootElement;
        Assert.Equal("NotEnoughResponses", results.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, results.GetProperty("respondents").ValueKind);
        Assert.Equal(JsonValueKind.Null, results.GetProperty("responseRate").ValueKind);
        Assert.Empty(results.GetProperty("questions").EnumerateArray());
        Assert.Empty(results.GetProperty("filters").EnumerateArray());
        Assert.DoesNotContain("comment from", text, StringComparison.Ordinal);
        var csvText = await csv.Content.ReadAsStringAsync();
        Assert.DoesNotContain("respondents", csvText, StringComparison.Ordinal);
        Assert.DoesNotContain("comment from", csvText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manager_SSO_token_gets_403_from_the_pulse_results()
    {
        var (pulseId, _) = await CreateClosedPulseAsync(Managers("Engineering").Take(5).ToList(), commenters: 5);
        var token = _openId.Issue(Sso(Adele));

        using var results = await GetAsync($"/api/pulses/{pulseId}/results", token);
        using var csv = await GetAsync($"/api/pulses/{pulseId}/results?format=csv", token);
        using var list = await GetAsync("/api/pulses", token);

        foreach (var response in new[] { results, csv, list })
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.DoesNotContain("comment from", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    private static List<OrgPerson> Managers(string unit) =>
        DemoUsers.All.Where(p => p.IsActive && p.Roles.HasFlag(OrgRole.Manager) && OrgSnapshot.IsInUnit(p, unit)).OrderBy(p => p.Id, StringComparer.Ordinal).ToList();

    /// <summary>
    /// A pulse created by HR with an SSO token, answered in Teams by <paramref name="respondents"/> (signed
    /// Bot Framework activities), then closed as the scheduler would close it.
    /// </summary>
    private async Task<(string PulseId, string RunId)> CreateClosedPulseAsync(IReadOnlyList<OrgPerson> respondents, int commenters)
    {
        using var client = _bot.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/pulses") { Content = JsonContent.Create(PulseTest.EngagementPulse("SSO results")) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _openId.Issue(Sso(Patti)));
        using var created = await client.SendAsync(request);
        var body = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, body);
        var json = JsonDocument.Parse(body).RootElement;
        var (pulseId, runId) = (json.GetProperty("id").GetString()!, json.GetProperty("runId").GetString()!);

        var runs = _bot.Service<PulseRunRepository>();
        for (var i = 0; (await runs.FindAsync(runId, CancellationToken.None))?.Status != RunStatus.Open; i++)
        {
            Assert.True(i < 400, "the run did not open");
            await Task.Delay(50);
        }

        var channelToken = _openId.Issue(new TokenSpec { Audience = BotAppId, ServiceUrl = _connector.ServiceUrl });
        for (var i = 0; i < respondents.Count; i++)
        {
            var data = PulseTest.Answers(runId, rating: 1 + (i % 5), enps: 10 - i, choice: i % 3, text: i < commenters ? $"comment from respondent {i}" : null);
            var card = await _bot.InvokeCardAsync(DemoUsers.Of(respondents[i], _connector.ServiceUrl).Execute("pulse.answer", data), channelToken);
            Assert.Contains("Thank", CardTexts.Of(card), StringComparison.Ordinal);
        }

        Assert.True(await _bot.Service<PulseService>().CloseAsync(runId, CancellationToken.None));
        return (pulseId, runId);
    }
}

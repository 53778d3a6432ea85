using System.Net;
using System.Net.Http.Headers;
using DialogueBot.Testing;

namespace DialogueBot.Tests.Api;

/// <summary>
/// Issue 20: a signed token for our audience is not enough. Only a person's delegated access token, with
/// our scope, from an allowed client (the Teams clients and the app itself) stands for a caller; ID tokens
/// and app-only tokens are refused — the latter unless an automation role is configured and held. Every
/// token here is signed by the tenant's published key, so only the checked claim differs from a valid one.
/// </summary>
public sealed class ApiTokenKindTests(SharedBot host) : IAsyncLifetime, IClassFixture<SharedBot>
{
    private const string Megan = "00000000-0000-0000-0000-0000000000021"; // executive

    private OpenIdStub _openId = null!;
    private ConnectorStub _connector = null!;
    private BotAppFactory _bot = null!;
    private readonly LogCapture _logs = host.Logs;

    public async Task InitializeAsync()
    {
        _openId = await host.OpenIdAsync();
        (_connector, _bot) = await host.ForTestAsync(o => EntraTokens.BotOptions(o, _openId, logs: _logs));
    }

    public Task DisposeAsync() => Task.CompletedTask; // the fixture stops the host after the class

    public static TheoryData<string, string> Refused() => new()
    {
        { "an ID token (nonce, no scp)", "an ID token" },
        { "an ID token without a nonce (no scp)", "not an app-only access token" },
        { "another scope only", "access_as_user' is missing" },
        { "scp missing, a scope-like claim instead", "not an app-only access token" },
        { "the Azure CLI as client (v2 azp)", "not on Api:AllowedClientApps" },
        { "an unknown client (v1 appid)", "not on Api:AllowedClientApps" },
        { "no client named", "names no client app (azp)" },
        { "a v1 token naming its client only in azp", "names no client app (appid)" },
        { "no ver", "ver is missing" },
        { "an unknown ver", "ver is '3.0'" },
        { "app-only (idtyp=app), no automation role configured", "no Api:AutomationRole is configured" },
        { "app-only (roles only), no automation role configured", "no Api:AutomationRole is configured" },
        { "app-only claiming a scope", "claims delegated scopes" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_token_that_is_not_a_persons_delegated_token_for_this_app_is_refused_with_401(string how, string loggedReason)
    {
        var valid = EntraTokens.Delegated(Megan);
        var v1 = EntraTokens.Delegated(Megan, v1: true);
        var spec = how switch
        {
            "an ID token (nonce, no scp)" => valid.With(("scp", null), ("azp", null), ("nonce", "n-123"), ("name", "Megan Bowen")),
            "an ID token without a nonce (no scp)" => valid.With(("scp", null), ("azp", null), ("preferred_username", "megan@contoso.example")),
            "another scope only" => valid.With(("scp", "User.Read")),
            "scp missing, a scope-like claim instead" => valid.With(("scp", null), ("scope", "access_as_user")),
            "the Azure CLI as client (v2 azp)" => valid.With(("azp", EntraTokens.AzureCli)),
            "an unknown client (v1 appid)" => v1.With(("appid", "11111111-2222-4333-8444-555555555555")),
            "no client named" => valid.With(("azp", null)),
            "a v1 token naming its client only in azp" => v1.With(("appid", null), ("azp", EntraTokens.TeamsDesktop)),
            "no ver" => valid.With(("ver", null)),
            "an unknown ver" => valid.With(("ver", "3.0")),
            "app-only (idtyp=app), no automation role configured" => EntraTokens.AppOnly(Megan, "DialogueBot.Automation"),
            "app-only (roles only), no automation role configured" => EntraTokens.AppOnly(Megan, "DialogueBot.Automation").With(("idtyp", null)),
            "app-only claiming a scope" => EntraTokens.AppOnly(Megan).With(("scp", "access_as_user"), ("azp", EntraTokens.TeamsDesktop)),
            _ => throw new ArgumentOutOfRangeException(nameof(how)),
        };

        using var me = await GetAsync(_bot, _openId.Issue(spec));

        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.Contains(_logs.Warnings, l => l.Contains("Refused an API token", StringComparison.Ordinal) && l.Contains(loggedReason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Teams_desktop_Teams_web_and_the_app_itself_are_the_default_clients_in_v2_and_v1()
    {
        foreach (var client in new[] { EntraTokens.TeamsDesktop, EntraTokens.TeamsWeb, EntraTokens.ClientId })
        {
            using var v2 = await GetAsync(_bot, _openId.Issue(EntraTokens.Delegated(Megan).With(("azp", client))));
            using var v1 = await GetAsync(_bot, _openId.Issue(EntraTokens.Delegated(Megan, v1: true).With(("appid", client))));

            Assert.Equal(HttpStatusCode.OK, v2.StatusCode);
            Assert.Equal(HttpStatusCode.OK, v1.StatusCode);
        }
    }

    [Fact]
    public async Task The_required_scope_may_be_one_of_several()
    {
        using var me = await GetAsync(_bot, _openId.Issue(EntraTokens.Delegated(Megan).With(("scp", "User.Read access_as_user"))));

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    internal static async Task<HttpResponseMessage> GetAsync(BotAppFactory bot, string token)
    {
        using var client = bot.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }
}

/// <summary>With Api:AutomationRole, Api:RequiredScope and Api:AllowedClientApps configured.</summary>
public sealed class ApiConfiguredTokenKindTests(SharedBot host) : IAsyncLifetime, IClassFixture<SharedBot>
{
    private const string Megan = "00000000-0000-0000-0000-0000000000021";
    private const string AutomationApp = "a0000000-0000-4000-8000-00000000a070"; // a service principal, not a person

    private OpenIdStub _openId = null!;
    private ConnectorStub _connector = null!;
    private BotAppFactory _bot = null!;

    public async Task InitializeAsync()
    {
        _openId = await host.OpenIdAsync();
        (_connector, _bot) = await host.ForTestAsync(o => EntraTokens.BotOptions(o, _openId, new Dictionary<string, string?>
        {
            ["Api:AutomationRole"] = "DialogueBot.Automation",
            ["Api:RequiredScope"] = "tabs.read",
            ["Api:AllowedClientApps:0"] = EntraTokens.AzureCli,
        }));
    }

    public Task DisposeAsync() => Task.CompletedTask; // the fixture stops the host after the class

    [Fact]
    public async Task An_app_only_token_with_the_automation_role_is_accepted_and_gets_its_roles_from_the_org_chart()
    {
        using var me = await ApiTokenKindTests.GetAsync(_bot, _openId.Issue(EntraTokens.AppOnly(AutomationApp, "DialogueBot.Automation")));

        // Authenticated (not 401), but the service principal is nobody in the org chart.
        Assert.Equal(HttpStatusCode.Forbidden, me.StatusCode);
    }

    [Fact]
    public async Task An_app_only_token_without_the_automation_role_or_posing_as_a_person_is_refused()
    {
        var tokens = new[]
        {
            EntraTokens.AppOnly(AutomationApp, "Some.Other.Role"),
            EntraTokens.AppOnly(AutomationApp),
            // A person's ID token holding the role: its sub is pairwise, not the object id.
            EntraTokens.AppOnly(Megan, "DialogueBot.Automation").With(("idtyp", null), ("sub", "pairwise-sub")),
            EntraTokens.AppOnly(AutomationApp, "DialogueBot.Automation").With(("upn", "megan@contoso.example")),
        };

        foreach (var spec in tokens)
        {
            using var me = await ApiTokenKindTests.GetAsync(_bot, _openId.Issue(spec));

            Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        }
    }

    [Fact]
    public async Task The_configured_scope_and_client_list_replace_the_defaults()
    {
        using var cli = await ApiTokenKindTests.GetAsync(_bot, _openId.Issue(EntraTokens.Delegated(Megan).With(("scp", "tabs.read"), ("azp", EntraTokens.AzureCli))));
        using var teams = await ApiTokenKindTests.GetAsync(_bot, _openId.Issue(EntraTokens.Delegated(Megan).With(("scp", "tabs.read"))));
        using var oldScope = await ApiTokenKindTests.GetAsync(_bot, _openId.Issue(EntraTokens.Delegated(Megan).With(("azp", EntraTokens.AzureCli))));

        Assert.Equal(HttpStatusCode.OK, cli.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, teams.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, oldScope.StatusCode);
    }
}

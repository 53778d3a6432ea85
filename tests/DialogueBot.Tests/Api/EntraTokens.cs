using DialogueBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DialogueBot.Tests.Api;

/// <summary>Entra access tokens as the tenant issues them to Teams for our tab SSO, and a host that accepts them.</summary>
public static class EntraTokens
{
    public const string BotAppId = "6a4c7d1e-1c2b-4b7e-9f0a-5d4e3c2b1a09";
    public const string ClientId = "7b5d8e2f-2d3c-4c8f-8a1b-6e5f4d3c2b1a";
    public const string ApplicationIdUri = $"api://dialoguebot-test.azurewebsites.net/{ClientId}";
    public const string V2Issuer = $"https://login.microsoftonline.com/{TeamsUser.TenantId}/v2.0";
    public const string V1Issuer = $"https://sts.windows.net/{TeamsUser.TenantId}/";
    public const string TeamsDesktop = "1fec8e78-bce4-4aaf-ab1b-5451cc387264";
    public const string TeamsWeb = "5e3ce6c0-2b1f-4285-8d4b-75ee78787346";
    public const string AzureCli = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";

    /// <summary>A person's delegated token from Teams desktop (v2: azp; v1: appid and the Application ID URI).</summary>
    public static TokenSpec Delegated(string oid, bool v1 = false) => new()
    {
        Audience = v1 ? ApplicationIdUri : ClientId,
        Issuer = v1 ? V1Issuer : V2Issuer,
        ExtraClaims = new Dictionary<string, object>
        {
            ["oid"] = oid,
            ["sub"] = "pairwise-" + oid[^4..],
            ["tid"] = TeamsUser.TenantId,
            ["scp"] = "access_as_user",
            ["ver"] = v1 ? "1.0" : "2.0",
            [v1 ? "appid" : "azp"] = TeamsDesktop,
        },
    };

    /// <summary>An automation app's own token (client credentials): no scp, sub == oid, roles, idtyp=app.</summary>
    public static TokenSpec AppOnly(string servicePrincipalOid, params string[] roles) => new()
    {
        Audience = ClientId,
        Issuer = V2Issuer,
        ExtraClaims = new Dictionary<string, object>
        {
            ["oid"] = servicePrincipalOid,
            ["sub"] = servicePrincipalOid,
            ["tid"] = TeamsUser.TenantId,
            ["ver"] = "2.0",
            ["azp"] = "9c0e1f2a-3b4c-4d5e-8f6a-7b8c9d0e1f2a",
            ["idtyp"] = "app",
            ["roles"] = roles,
        },
    };

    /// <summary><paramref name="token"/> with claims replaced; a null value removes the claim.</summary>
    public static TokenSpec With(this TokenSpec token, params (string Name, object? Value)[] claims)
    {
        var extra = new Dictionary<string, object>(token.ExtraClaims!);
        foreach (var (name, value) in claims)
        {
            if (value is null)
            {
                extra.Remove(name);
            }
            else
            {
                extra[name] = value;
            }
        }

        return token with { ExtraClaims = extra };
    }

    /// <summary>The bot in production mode, trusting <paramref name="openId"/> as the tenant, with audiences as infra/ sets them.</summary>
    public static Task<BotAppFactory> StartBotAsync(OpenIdStub openId, ConnectorStub connector, IDictionary<string, string?>? settings = null, LogCapture? logs = null) =>
        BotAppFactory.StartAsync(BotOptions(new BotAppOptions { Connector = connector }, openId, settings, logs));

    /// <summary>The options of <see cref="StartBotAsync"/>, for a host a <see cref="SharedBot"/> starts.</summary>
    public static BotAppOptions BotOptions(BotAppOptions options, OpenIdStub openId, IDictionary<string, string?>? settings = null, LogCapture? logs = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Api:MetadataUrl"] = openId.MetadataUrl,
            ["Api:Audiences:0"] = ClientId,
            ["Api:Audiences:1"] = ApplicationIdUri,
        };
        return options with { AppId = BotAppId, OpenId = openId, Settings = all, ConfigureServices = logs is null ? null : s => s.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(logs) };
    }
}

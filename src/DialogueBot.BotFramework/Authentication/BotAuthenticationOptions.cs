namespace DialogueBot.BotFramework.Authentication;

/// <summary>How the bot proves who it is and checks who calls it. Bound from the "Bot" configuration section.</summary>
public sealed class BotAuthenticationOptions
{
    public const string SectionName = "Bot";

    /// <summary>The Microsoft App ID (Entra app registration) of the bot. Empty means no identity at all.</summary>
    public string? AppId { get; set; }

    /// <summary>The secret of that app registration, used only for outbound tokens. From Key Vault in production.</summary>
    public string? AppPassword { get; set; }

    /// <summary>The Entra tenant of a single-tenant bot; required for <see cref="BotAppType.SingleTenant"/>.</summary>
    public string? TenantId { get; set; }

    /// <summary>Single-tenant is the default: Azure no longer creates new multi-tenant bot registrations.</summary>
    public BotAppType AppType { get; set; } = BotAppType.SingleTenant;

    /// <summary>
    /// Local development only: with no <see cref="AppId"/>, accept unauthenticated requests, and only from
    /// loopback. Off unless set explicitly; the bot refuses to start with it on and an AppId set.
    /// </summary>
    public bool DevMode { get; set; }

    /// <summary>OpenID metadata of the Bot Framework channel service (keys with endorsements).</summary>
    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>Issuer of tokens the Bot Framework channel service sends.</summary>
    public string ChannelTokenIssuer { get; set; } = "https://api.botframework.com";

    /// <summary>The Entra authority host; tenant-issued tokens and outbound tokens come from it.</summary>
    public string AuthorityHost { get; set; } = "https://login.microsoftonline.com";

    /// <summary>The Entra v1 issuer host (tokens issued as https://sts.windows.net/{tenant}/).</summary>
    public string LegacyIssuerHost { get; set; } = "https://sts.windows.net";

    /// <summary>Scope requested for Connector calls.</summary>
    public string ConnectorScope { get; set; } = "https://api.botframework.com/.default";

    /// <summary>Clock skew allowed on token lifetimes.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long signing keys are trusted before the metadata is read again.</summary>
    public TimeSpan MetadataRefreshInterval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// The least time between two forced metadata reads caused by an unknown key id, so a flood of tokens
    /// with invented key ids cannot turn the bot into a load generator against the metadata endpoint.
    /// </summary>
    public TimeSpan MinimumMetadataRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Metadata over plain http is only for tests that serve keys on loopback.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// Hosts a serviceUrl may name before the bot sends its token there (the public Teams hosts by default).
    /// A leading "*." allows subdomains. Loopback is allowed only in dev mode.
    /// </summary>
    public IList<string> AllowedServiceUrlHosts { get; set; } = [];

    /// <summary>Teams' public-cloud Connector hosts.</summary>
    public static IReadOnlyList<string> DefaultServiceUrlHosts { get; } =
    [
        "smba.trafficmanager.net",
        "smba.onyx.prod.teams.trafficmanager.net",
        "smba.infra.gcc.teams.microsoft.com",
    ];

    public bool HasAppId => !string.IsNullOrWhiteSpace(AppId);

    /// <summary>The tenant whose token endpoint issues outbound tokens.</summary>
    public string OutboundTenant => AppType == BotAppType.MultiTenant ? "botframework.com" : TenantId ?? "";
}

public enum BotAppType
{
    SingleTenant,
    MultiTenant,

    /// <summary>
    /// The bot's identity is a user-assigned managed identity (<see cref="BotAuthenticationOptions.AppId"/> is
    /// its client id) attached to the host: outbound tokens come from the managed identity endpoint, with no
    /// secret anywhere. Single-tenant like <see cref="SingleTenant"/>.
    /// </summary>
    UserAssignedMSI,
}

namespace DialogueBot.Infrastructure.Api;

/// <summary>How the HTTP API and tab pages authenticate people. Bound from "Api".</summary>
public sealed class ApiAuthenticationOptions
{
    public const string SectionName = "Api";

    /// <summary>The Entra tenant whose users may call; defaults to Bot:TenantId.</summary>
    public string? TenantId { get; set; }

    /// <summary>Accepted audiences: the app id and the Application ID URI of the tab (api://host/appId). Defaults to the bot's app id forms.</summary>
    public IList<string> Audiences { get; set; } = [];

    /// <summary>Overrides the tenant's OpenID metadata URL (tests serve keys locally).</summary>
    public string? MetadataUrl { get; set; }

    /// <summary>Overrides the accepted issuers (tests).</summary>
    public IList<string> Issuers { get; set; } = [];

    /// <summary>In dev mode, the header a loopback caller uses to say who they are.</summary>
    public string DevUserHeader { get; set; } = "X-Dev-User";

    /// <summary>In dev mode, who a loopback caller is when the header is absent (the Playground's user).</summary>
    public string? DevDefaultUser { get; set; }
}

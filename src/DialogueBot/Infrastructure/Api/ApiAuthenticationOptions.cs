namespace DialogueBot.Infrastructure.Api;

/// <summary>How the HTTP API and tab pages authenticate people. Bound from "Api".</summary>
public sealed class ApiAuthenticationOptions
{
    public const string SectionName = "Api";

    /// <summary>Microsoft Teams desktop and mobile: the client that asks Entra for the tab SSO token.</summary>
    public const string TeamsDesktopClientId = "1fec8e78-bce4-4aaf-ab1b-5451cc387264";

    /// <summary>Microsoft Teams on the web.</summary>
    public const string TeamsWebClientId = "5e3ce6c0-2b1f-4285-8d4b-75ee78787346";

    /// <summary>The Entra tenant whose users may call; defaults to Bot:TenantId.</summary>
    public string? TenantId { get; set; }

    /// <summary>Accepted audiences: the app id and the Application ID URI of the tab (api://host/appId). Defaults to the bot's app id forms.</summary>
    public IList<string> Audiences { get; set; } = [];

    /// <summary>
    /// The delegated scope a person's token must carry in <c>scp</c>: the one the app registration exposes
    /// for tab SSO. A token without it was not issued to let a client act for that person in this app.
    /// </summary>
    public string RequiredScope { get; set; } = "access_as_user";

    /// <summary>
    /// Client apps (the token's <c>azp</c> in v2, <c>appid</c> in v1) that may call on a person's behalf.
    /// Empty means the Teams clients and the app itself (<see cref="ClientIdOf"/>); a list replaces that
    /// default entirely, so an operator sees every client that is let in.
    /// </summary>
    public IList<string> AllowedClientApps { get; set; } = [];

    /// <summary>
    /// The app role (in <c>roles</c>) an app-only token must hold to be accepted, for automation. Empty: no
    /// app-only token is ever accepted, because an app acting as itself is not a person.
    /// </summary>
    public string? AutomationRole { get; set; }

    /// <summary>Overrides the tenant's OpenID metadata URL (tests serve keys locally).</summary>
    public string? MetadataUrl { get; set; }

    /// <summary>Overrides the accepted issuers (tests).</summary>
    public IList<string> Issuers { get; set; } = [];

    /// <summary>In dev mode, the header a loopback caller uses to say who they are.</summary>
    public string DevUserHeader { get; set; } = "X-Dev-User";

    /// <summary>In dev mode, who a loopback caller is when the header is absent (the Playground's user).</summary>
    public string? DevDefaultUser { get; set; }

    /// <summary>The client apps accepted for delegated tokens, given the app's own client id (may be null).</summary>
    public IReadOnlyCollection<string> ClientAppsFor(string? ownClientId)
    {
        if (AllowedClientApps.Count > 0)
        {
            return new HashSet<string>(AllowedClientApps.Select(a => a.Trim()), StringComparer.OrdinalIgnoreCase);
        }

        var defaults = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { TeamsDesktopClientId, TeamsWebClientId };
        if (!string.IsNullOrWhiteSpace(ownClientId))
        {
            defaults.Add(ownClientId);
        }

        return defaults;
    }

    /// <summary>The app's own client id: the first audience that is a bare GUID (the SSO app), else the bot's app id.</summary>
    public string? ClientIdOf(string? botAppId) =>
        Audiences.FirstOrDefault(a => Guid.TryParse(a, out _)) ?? botAppId;
}

namespace DialogueBot.Org.Graph;

/// <summary>
/// Microsoft Graph: the org chart from Entra ID and proactive install. Off unless <see cref="Enabled"/>;
/// see README.md, "Org chart from Entra ID".
/// </summary>
public sealed class GraphOptions
{
    public const string SectionName = "Graph";

    public bool Enabled { get; set; }

    /// <summary>Graph's v1.0 root. Tests point it at a local stub.</summary>
    public Uri BaseUrl { get; set; } = new("https://graph.microsoft.com/v1.0/");

    /// <summary>The token scope for app-only calls.</summary>
    public string Scope { get; set; } = "https://graph.microsoft.com/.default";

    public GraphCredentialKind Credential { get; set; } = GraphCredentialKind.ClientSecret;

    /// <summary>The Entra tenant; <c>Bot:TenantId</c> when empty.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>The app registration (client secret), or the user-assigned managed identity's client id.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>Client credentials only. Keep it in Key Vault.</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>Entra groups whose members (transitively) are executives.</summary>
    public IList<string> ExecutiveGroupIds { get; set; } = [];

    /// <summary>Entra groups whose members (transitively) are HR.</summary>
    public IList<string> HrGroupIds { get; set; } = [];

    public OrgUnitSource OrgUnitSource { get; set; } = OrgUnitSource.Department;

    /// <summary>With <see cref="OrgUnitSource.Attribute"/>: a user property, e.g. <c>onPremisesExtensionAttributes.extensionAttribute1</c> or <c>extension_{appId}_orgUnit</c>.</summary>
    public string OrgUnitAttribute { get; set; } = "";

    public LevelSource LevelSource { get; set; } = LevelSource.Depth;

    /// <summary>With <see cref="LevelSource.Attribute"/>: a user property holding the level (1 at the top).</summary>
    public string LevelAttribute { get; set; } = "";

    /// <summary>Whether the sync runs on its own, every <see cref="SyncInterval"/>.</summary>
    public bool ScheduleSync { get; set; } = true;

    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>A sync that would change more than this share of the chart waits for HR's approval.</summary>
    public double ApprovalThreshold { get; set; } = 0.1;

    /// <summary>How often one request is retried after a 429 or 5xx before the sync gives up (and tries later).</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>The longest Retry-After we wait in place; longer ones end the attempt and the work comes back later.</summary>
    public TimeSpan MaxRetryWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The app's id in the tenant's app catalog (not the manifest id); empty turns proactive install off.</summary>
    public string CatalogAppId { get; set; } = "";

    /// <summary>The Bot Connector address chats created by an install are reached at.</summary>
    public string ConnectorServiceUrl { get; set; } = "https://smba.trafficmanager.net/teams/";

    public IEnumerable<string> Problems()
    {
        if (!Enabled)
        {
            yield break;
        }

        if (!BaseUrl.IsAbsoluteUri || !BaseUrl.AbsolutePath.EndsWith('/'))
        {
            yield return "Graph:BaseUrl must be an absolute URL ending in '/'.";
        }

        if (Credential == GraphCredentialKind.ClientSecret && (ClientId.Length == 0 || ClientSecret.Length == 0))
        {
            yield return "Graph:ClientId and Graph:ClientSecret are required with Graph:Credential=ClientSecret.";
        }

        if (OrgUnitSource == OrgUnitSource.Attribute && OrgUnitAttribute.Length == 0)
        {
            yield return "Graph:OrgUnitAttribute is required with Graph:OrgUnitSource=Attribute.";
        }

        if (LevelSource == LevelSource.Attribute && LevelAttribute.Length == 0)
        {
            yield return "Graph:LevelAttribute is required with Graph:LevelSource=Attribute.";
        }

        if (ApprovalThreshold is < 0 or > 1)
        {
            yield return "Graph:ApprovalThreshold is a share between 0 and 1.";
        }

        if (SyncInterval < TimeSpan.FromMinutes(5))
        {
            yield return "Graph:SyncInterval may not be under 5 minutes.";
        }
    }
}

public enum GraphCredentialKind
{
    ClientSecret,
    ManagedIdentity,
}

public enum OrgUnitSource
{
    Department,
    Attribute,
}

public enum LevelSource
{
    /// <summary>1 at the top of the manager tree, one more per step down.</summary>
    Depth,
    Attribute,
}

namespace DialogueBot.Org;

/// <summary>A person of the org chart, as imported, with the level and roles derived from the tree.</summary>
public sealed record OrgPerson
{
    /// <summary>The org chart's own id (employee number or similar). Safe to carry in work items.</summary>
    public required string Id { get; init; }
    public string? AadObjectId { get; init; }
    public string? Email { get; init; }
    public required string Name { get; init; }
    public string? ManagerId { get; init; }
    /// <summary>Org unit path, parts separated by '/', e.g. "Engineering/Platform".</summary>
    public string OrgUnit { get; init; } = "";
    public OrgRole Roles { get; init; }
    /// <summary>IANA time zone id (e.g. "Europe/Berlin"); empty means the organisation's.</summary>
    public string TimeZone { get; init; } = "";
    public PersonStatus Status { get; init; } = PersonStatus.Active;
    /// <summary>1 for the top of the tree, 2 for those reporting to it, and so on.</summary>
    public int Level { get; init; }

    public bool IsActive => Status == PersonStatus.Active;
}

public enum PersonStatus
{
    Active,
    /// <summary>On leave: not sent pulses or skip-level prompts.</summary>
    Leave,
}

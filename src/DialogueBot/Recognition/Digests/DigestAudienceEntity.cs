using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;
using DialogueBot.Org;

namespace DialogueBot.Recognition.Digests;

/// <summary>Who gets the monthly digest, as HR set it: one row. Units and roles only, never a person.</summary>
public sealed class DigestAudienceEntity : ITableEntity
{
    public const string Partition = "digest";
    public const string Row = "audience";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = Row;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>Org units separated by ';'; empty means the whole organisation.</summary>
    public string Units { get; set; } = "";
    /// <summary>The roles that receive it (flags of <see cref="OrgRole"/>); None means everyone in the units.</summary>
    public int Roles { get; set; } = (int)(OrgRole.Manager | OrgRole.Executive);
    public string UpdatedBy { get; set; } = "";

    [IgnoreDataMember]
    public DigestAudience Audience => new(Units.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), (OrgRole)Roles);
}

/// <summary>The digest's audience: people in any of the units (all when none) holding any of the roles (all when None).</summary>
public sealed record DigestAudience(IReadOnlyList<string> Units, OrgRole Roles)
{
    public static DigestAudience Default { get; } = new([], OrgRole.Manager | OrgRole.Executive);

    public bool Includes(OrgPerson person) =>
        person.IsActive
        && person.AadObjectId is not null
        && (Roles == OrgRole.None || (person.Roles & Roles) != 0)
        && (Units.Count == 0 || Units.Any(u => OrgSnapshot.IsInUnit(person, u)));

    public IReadOnlyList<OrgPerson> Resolve(OrgSnapshot org) => org.People.Where(Includes).OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
}

using Azure;
using Azure.Data.Tables;

namespace DialogueBot.Org;

/// <summary>
/// A person row. The partition is the import version, so an import writes a whole new partition and then
/// flips the active pointer: readers always see one complete org chart, never half of two.
/// </summary>
public sealed class OrgPersonEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string? AadObjectId { get; set; }
    public string? Email { get; set; }
    public string Name { get; set; } = "";
    public string? ManagerId { get; set; }
    public string OrgUnit { get; set; } = "";
    public int Roles { get; set; }
    public string TimeZone { get; set; } = "";
    public string Status { get; set; } = nameof(PersonStatus.Active);
    public int Level { get; set; }

    public static OrgPersonEntity From(string version, OrgPerson p) => new()
    {
        PartitionKey = version,
        RowKey = p.Id,
        AadObjectId = p.AadObjectId,
        Email = p.Email,
        Name = p.Name,
        ManagerId = p.ManagerId,
        OrgUnit = p.OrgUnit,
        Roles = (int)p.Roles,
        TimeZone = p.TimeZone,
        Status = p.Status.ToString(),
        Level = p.Level,
    };

    public OrgPerson ToPerson() => new()
    {
        Id = RowKey,
        AadObjectId = AadObjectId,
        Email = Email,
        Name = Name,
        ManagerId = ManagerId,
        OrgUnit = OrgUnit,
        Roles = (OrgRole)Roles,
        TimeZone = TimeZone,
        Status = Enum.TryParse<PersonStatus>(Status, out var s) ? s : PersonStatus.Active,
        Level = Level,
    };
}

/// <summary>The pointer to the active import version, plus a revision bumped when a person is linked to Teams.</summary>
public sealed class OrgMetaEntity : ITableEntity
{
    public const string Partition = "meta";
    public const string ActiveRow = "active";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = ActiveRow;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Version { get; set; } = "";
    public int Revision { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
    public int People { get; set; }
}

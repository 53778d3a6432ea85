using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;
using DialogueBot.Recognition.Model;

namespace DialogueBot.Recognition.Nominations;

/// <summary>
/// One nomination. Named on purpose (recognition is public praise): the nominator's and nominee's org-chart
/// ids are stored, never AAD ids, names or emails. The row key is derived from the form's random submit id,
/// so a retried submit lands on the same row.
/// </summary>
public sealed class NominationEntity : ITableEntity
{
    public const string Partition = "nomination";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string NominatorId { get; set; } = "";
    public string NomineeId { get; set; } = "";
    public string CategoryId { get; set; } = "";
    public string Story { get; set; } = "";
    /// <summary>The month (organisation time zone, yyyy-MM) it was made in: the limit is one per pair per month.</summary>
    public string Month { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string State { get; set; } = nameof(NominationState.Pending);
    public string ReviewedBy { get; set; } = "";
    public DateTimeOffset? ReviewedAt { get; set; }
    public string DeclineReason { get; set; } = "";
    public DateTimeOffset? FeaturedAt { get; set; }
    /// <summary>
    /// Set once the nominee's and manager's notices are on the queue, so a repeated submit does not queue them
    /// again (the ledger would run them once anyway; this only spares a second message waiting on the first's claim).
    /// </summary>
    public bool NoticesQueued { get; set; }
    /// <summary>The month it was featured in: its digest is that month's.</summary>
    public string FeaturedMonth { get; set; } = "";

    [IgnoreDataMember]
    public string Id => RowKey;

    [IgnoreDataMember]
    public NominationState Status
    {
        get => Enum.TryParse<NominationState>(State, out var s) ? s : NominationState.Pending;
        set => State = value.ToString();
    }
}

/// <summary>
/// The "one open nomination per nominator and nominee per month" slot, in the same table: inserting it is
/// the atomic check. It points at the nomination holding it; a declined (or never written) one gives the
/// slot up to the next attempt.
/// </summary>
public sealed class NominationSlotEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string NominationId { get; set; } = "";

    public static string PartitionFor(string month) => "slot|" + month;

    public static string RowFor(string nominatorId, string nomineeId) => nominatorId + "|" + nomineeId;
}

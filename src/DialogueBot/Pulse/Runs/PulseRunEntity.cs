using Azure;
using Azure.Data.Tables;

namespace DialogueBot.Pulse.Runs;

/// <summary>One occurrence of a pulse: when it opens and closes, and how many people it was sent to.</summary>
public sealed class PulseRunEntity : ITableEntity
{
    public const string Partition = "run";
    public const string Scheduled = "scheduled";
    public const string Open = "open";
    /// <summary>Takes no answers and shows nothing while everything answered is published (see PulsePublisher).</summary>
    public const string Closing = "closing";
    /// <summary>Published: results are readable, and nothing of the run's participation is left.</summary>
    public const string Closed = "closed";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string PulseId { get; set; } = "";
    public int Sequence { get; set; }
    public DateTimeOffset OpensAt { get; set; }
    public DateTimeOffset ClosesAt { get; set; }
    public string Status { get; set; } = Scheduled;
    /// <summary>The audience size when the run opened (the response rate's denominator).</summary>
    public int AudienceCount { get; set; }
    /// <summary>When the run stopped taking answers; publication starts a grace period later.</summary>
    public DateTimeOffset? ClosingSince { get; set; }

    [System.Runtime.Serialization.IgnoreDataMember]
    public string Id => RowKey;

    public bool IsOpenAt(DateTimeOffset now) => Status == Open && now < ClosesAt;

    public bool IsClosed(DateTimeOffset now) => Status is Closing or Closed || now >= ClosesAt;

    public static string RunId(string pulseId, int sequence) => $"{pulseId}-{sequence:D3}";
}

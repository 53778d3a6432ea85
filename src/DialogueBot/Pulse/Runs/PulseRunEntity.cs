using Azure;
using Azure.Data.Tables;

namespace DialogueBot.Pulse.Runs;

/// <summary>The stored row of a <see cref="PulseRun"/>; only <see cref="PulseRunRepository"/> maps it.</summary>
public sealed class PulseRunEntity : ITableEntity
{
    public const string Partition = "run";

    // The stored spellings of RunStatus (the table keeps them as they always were).
    public const string Scheduled = "scheduled";
    public const string Open = "open";
    public const string Closing = "closing";
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
    public int AudienceCount { get; set; }
    public DateTimeOffset? ClosingSince { get; set; }

    /// <summary>The stored spelling of a status, also what the API shows.</summary>
    public static string NameOf(RunStatus status) => status switch
    {
        RunStatus.Open => Open,
        RunStatus.Closing => Closing,
        RunStatus.Closed => Closed,
        _ => Scheduled,
    };

    /// <summary>An unknown spelling reads as closing: it takes no answers and shows nothing, the safe side either way.</summary>
    public static RunStatus StatusOf(string? name) => name switch
    {
        Scheduled => RunStatus.Scheduled,
        Open => RunStatus.Open,
        Closed => RunStatus.Closed,
        _ => RunStatus.Closing,
    };

    public PulseRun ToRun() => new(RowKey, PulseId, Sequence, OpensAt, ClosesAt)
    {
        Status = StatusOf(Status),
        AudienceCount = AudienceCount,
        ClosingSince = ClosingSince,
    };

    /// <summary>Copies the run's state onto this row (keeping its ETag for the conditional write).</summary>
    public void Apply(PulseRun run)
    {
        RowKey = run.Id;
        PulseId = run.PulseId;
        Sequence = run.Sequence;
        OpensAt = run.OpensAt;
        ClosesAt = run.ClosesAt;
        Status = NameOf(run.Status);
        AudienceCount = run.AudienceCount;
        ClosingSince = run.ClosingSince;
    }
}

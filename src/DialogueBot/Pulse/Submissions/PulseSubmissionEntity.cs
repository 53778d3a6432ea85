using Azure;
using Azure.Data.Tables;

namespace DialogueBot.Pulse.Submissions;

/// <summary>
/// The submissions partition of one run (partition key = run id) holds four kinds of row:
/// <list type="bullet">
/// <item><c>P|&lt;hmac&gt;</c>: "someone answered" — HMAC (PulseParticipation) of the person's AAD id within the run. No answers.</item>
/// <item><c>R|&lt;random&gt;</c>: an answer waiting to be moved to PulseResponses (no identity; written together with its P row).</item>
/// <item><c>B|&lt;random&gt;</c>: a flush batch in progress (the pending ids it covers), so a crashed flush resumes exactly.</item>
/// <item><c>L|flush</c>: the flush lease, so two instances never flush one run at once.</item>
/// </list>
/// </summary>
public sealed class PulseSubmissionEntity : ITableEntity
{
    public const string ParticipationPrefix = "P|";
    public const string PendingPrefix = "R|";
    public const string BatchPrefix = "B|";
    public const string LockRow = "L|flush";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>Pending rows: the answers (JSON, question id → answer).</summary>
    public string? Answers { get; set; }
    /// <summary>Pending rows: the cohort unit ("" = whole audience).</summary>
    public string? Unit { get; set; }
    public int? Level { get; set; }
    /// <summary>Batch rows: pending row keys, separated by ','.</summary>
    public string? PendingIds { get; set; }
    /// <summary>Lock row.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }
    /// <summary>Participation rows: bumped at every flush, so that all their timestamps say "last flush", not "when answered".</summary>
    public int Flushes { get; set; }
}

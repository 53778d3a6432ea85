using Azure;
using Azure.Data.Tables;

namespace DialogueBot.Pulse.Submissions;

/// <summary>
/// The submissions partition of one run (partition key = run id) exists only while the run is open or
/// closing, and holds two kinds of row, both under the run's scope key (destroyed at publication):
/// <list type="bullet">
/// <item><c>P|&lt;hmac&gt;</c>: "someone answered" — an HMAC of the person's AAD id under the run's key. Nothing else.</item>
/// <item><c>R|&lt;random&gt;</c>: an answer waiting for publication, sealed (answers and cohort, padded) under the run's key.</item>
/// </list>
/// Without the run's key neither can be tested against a person or read; once it is destroyed, nobody can.
/// </summary>
public sealed class PulseSubmissionEntity : ITableEntity
{
    public const string ParticipationPrefix = "P|";
    public const string PendingPrefix = "R|";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>Pending rows: the sealed <see cref="PendingAnswer"/>.</summary>
    public string? Sealed { get; set; }
}

/// <summary>
/// What a pending row holds once opened: the answers (JSON, question id → answer) and the cohort they count in;
/// <see cref="ReplyTo"/> is set only when the person ticked "leaders may reply to me anonymously" — their chat
/// address and AAD id (a <c>ReplyAddress</c> as JSON), inside this sealed row only, handed at publication to the comment threads (Loop) and sealed there under a
/// per-thread key.
/// </summary>
public sealed record PendingAnswer(string Answers, string Unit, int? Level, string? ReplyTo = null);

using Azure;
using Azure.Data.Tables;

namespace DialogueBot.Loop.Threads;

/// <summary>Where a thread is: open (leaders and the author write), resolved (closed for good; the author's handle is gone).</summary>
public enum ThreadState
{
    Open,
    Resolved,
}

/// <summary>
/// One anonymous conversation about one opted-in comment. Partition = the run id (so the results can list a
/// run's threads), row key = the thread id (derived with the run's key at publication, so a rerun writes the
/// same row and, once that key is destroyed, nothing links it back to the pending answer). Written at
/// publication with the responses, so its Timestamp dates nothing about the answer. Names nobody: the author
/// is sealed under a key of its own (scope = thread id + ".author", destroyed at resolution), the last leader
/// and the messages under the thread's key (scope = thread id).
/// </summary>
public sealed class CommentThreadEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>"pulse" (a comment: partition = run id) or "townhall" (an anonymous question: partition = town-hall id, <see cref="QuestionId"/> the question).</summary>
    public string Kind { get; set; } = "pulse";

    public string ResponseKey { get; set; } = "";
    public string QuestionId { get; set; } = "";
    public string State { get; set; } = "open";

    /// <summary>The author's 1:1 chat and AAD id (a ReplyAddress), sealed under the author key; removed, and that key destroyed, when the thread is resolved.</summary>
    public string? Author { get; set; }

    /// <summary>The org-chart id of the leader who wrote last, sealed under the thread's key (the author's answer goes to them).</summary>
    public string? LastLeader { get; set; }

    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset? FirstReplyAt { get; set; }
    public int Messages { get; set; }

    /// <summary>Leader messages since the author last answered (the per-thread rate limit).</summary>
    public int LeaderTurns { get; set; }

    public bool IsTownHall => Kind == "townhall";

    public ThreadState Status
    {
        get => Enum.TryParse<ThreadState>(State, ignoreCase: true, out var s) ? s : ThreadState.Open;
        set => State = value.ToString().ToLowerInvariant();
    }
}

/// <summary>
/// One message of a thread: partition = thread id, row key = the message id the card carried (so a retried
/// press stores nothing twice). Everything about it is sealed under the thread's key: who wrote (leader or
/// author), the leader's org-chart id, the text, the author's id if they chose to reveal it, and when.
/// </summary>
public sealed class ThreadMessageEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string? Sealed { get; set; }
}

public enum MessageFrom
{
    Leader,
    Author,
}

/// <summary>A message as opened. <see cref="RevealedId"/> is set only when the author pressed "Answer with my name".</summary>
public sealed record ThreadMessage(string Id, MessageFrom From, string? LeaderId, string Text, string? RevealedId, DateTimeOffset At);

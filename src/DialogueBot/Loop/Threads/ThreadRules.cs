namespace DialogueBot.Loop.Threads;

/// <summary>What a press on a thread came to.</summary>
public enum ThreadOutcome
{
    /// <summary>Stored once and on its way to the other side.</summary>
    Sent,
    AlreadySent,
    Resolved,
    Unknown,
    NotAllowed,
    Empty,
    TooLong,
    /// <summary>The leader wrote twice without an answer: wait for the author.</summary>
    WaitForAnswer,
    /// <summary>The thread holds the most messages one thread may.</summary>
    ThreadFull,
    /// <summary>The leader sent the most replies one leader may in a day.</summary>
    LeaderLimit,
}

/// <summary>The thread's rules, pure so they are unit-tested: limits and state changes.</summary>
public static class ThreadRules
{
    public const int MaxTextLength = 1000;

    /// <summary>Leader messages in a row without the author answering: a conversation, not a pursuit.</summary>
    public const int MaxLeaderTurns = 2;

    public const int MaxMessages = 20;

    /// <summary>Replies one leader may start or send in a UTC day, across all threads.</summary>
    public const int MaxLeaderRepliesPerDay = 30;

    public static ThreadOutcome? CheckText(string? text) =>
        string.IsNullOrWhiteSpace(text) ? ThreadOutcome.Empty : text.Trim().Length > MaxTextLength ? ThreadOutcome.TooLong : null;

    /// <summary>Why a leader may not write now, or null.</summary>
    public static ThreadOutcome? RefuseLeader(CommentThreadEntity thread) =>
        thread.Status == ThreadState.Resolved ? ThreadOutcome.Resolved
        : thread.Messages >= MaxMessages ? ThreadOutcome.ThreadFull
        : thread.LeaderTurns >= MaxLeaderTurns ? ThreadOutcome.WaitForAnswer
        : null;

    /// <summary>Why the author may not answer now, or null: only after a leader wrote, while open, below the cap.</summary>
    public static ThreadOutcome? RefuseAuthor(CommentThreadEntity thread) =>
        thread.Status == ThreadState.Resolved || thread.Author is null ? ThreadOutcome.Resolved
        : thread.Messages >= MaxMessages ? ThreadOutcome.ThreadFull
        : thread.LeaderTurns == 0 ? ThreadOutcome.AlreadySent
        : null;

    /// <summary>Applies a leader message (after <see cref="RefuseLeader"/> said yes).</summary>
    public static void ApplyLeader(CommentThreadEntity thread, string sealedLeader, DateTimeOffset now)
    {
        thread.Messages++;
        thread.LeaderTurns++;
        thread.LastLeader = sealedLeader;
        thread.FirstReplyAt ??= now;
    }

    public static void ApplyAuthor(CommentThreadEntity thread)
    {
        thread.Messages++;
        thread.LeaderTurns = 0;
    }

    /// <summary>Resolved: the author's handle is dropped, so nobody (the app included) can reach or name them through it again.</summary>
    public static bool Resolve(CommentThreadEntity thread)
    {
        if (thread.Status == ThreadState.Resolved)
        {
            return false;
        }

        thread.Status = ThreadState.Resolved;
        thread.Author = null;
        return true;
    }
}

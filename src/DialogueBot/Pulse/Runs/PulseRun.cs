namespace DialogueBot.Pulse.Runs;

/// <summary>Where a run is in its life. Stored as the lower-case name (see <see cref="PulseRunEntity"/>).</summary>
public enum RunStatus
{
    Scheduled,
    Open,
    /// <summary>Takes no answers and shows nothing while everything answered is published (see PulsePublisher).</summary>
    Closing,
    /// <summary>Published: results are readable, and nothing of the run's participation is left.</summary>
    Closed,
}

/// <summary>One occurrence of a pulse: when it opens and closes, and how many people it was sent to.</summary>
public sealed record PulseRun(string Id, string PulseId, int Sequence, DateTimeOffset OpensAt, DateTimeOffset ClosesAt)
{
    public RunStatus Status { get; init; } = RunStatus.Scheduled;

    /// <summary>The audience size when the run opened (the response rate's denominator).</summary>
    public int AudienceCount { get; init; }

    /// <summary>When the run stopped taking answers; publication starts a grace period later.</summary>
    public DateTimeOffset? ClosingSince { get; init; }

    public static string RunId(string pulseId, int sequence) => $"{pulseId}-{sequence:D3}";

    public bool IsOpenAt(DateTimeOffset now) => Status == RunStatus.Open && now < ClosesAt;

    public bool IsClosed(DateTimeOffset now) => Status is RunStatus.Closing or RunStatus.Closed || now >= ClosesAt;

    /// <summary>
    /// True while the run is open, or closing within the grace before publication reads the pending answers
    /// (less a third of it for clocks of different instances): an answer written by then is certain to be published.
    /// </summary>
    public bool StillTakesAnswers(DateTimeOffset now, TimeSpan closeGrace) =>
        Status == RunStatus.Open
        || (Status == RunStatus.Closing && now < (ClosingSince ?? DateTimeOffset.MinValue) + closeGrace - (closeGrace / 3));

    /// <summary>
    /// Whether an answer whose write finished at <paramref name="writtenAt"/> is certain to be published, knowing
    /// only that the run was open when read from <paramref name="readFrom"/> on (both on this instance's clock, so
    /// no clock difference enters): a close starting after that read waits the whole grace before publication
    /// reads the pending answers. The same third of the grace is kept in hand as in <see cref="StillTakesAnswers"/>;
    /// past it (or with no grace), only a fresh read of the run can say.
    /// </summary>
    public static bool WrittenWithinGrace(DateTimeOffset readFrom, DateTimeOffset writtenAt, TimeSpan closeGrace) =>
        writtenAt - readFrom < closeGrace - (closeGrace / 3);

    /// <summary>Scheduled → open, with the audience size frozen; null (nothing to change) in any other state.</summary>
    public PulseRun? Opened(int audienceCount) =>
        Status == RunStatus.Scheduled ? this with { Status = RunStatus.Open, AudienceCount = audienceCount } : null;

    /// <summary>Scheduled or open → closing from now (an early close moves the close time); null once closing.</summary>
    public PulseRun? StartClosing(DateTimeOffset now) =>
        Status is RunStatus.Scheduled or RunStatus.Open
            ? this with { Status = RunStatus.Closing, ClosingSince = now, ClosesAt = ClosesAt > now ? now : ClosesAt }
            : null;

    /// <summary>Closing → closed (published); null in any other state.</summary>
    public PulseRun? Published() => Status == RunStatus.Closing ? this with { Status = RunStatus.Closed } : null;
}

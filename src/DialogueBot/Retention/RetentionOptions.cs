namespace DialogueBot.Retention;

/// <summary>
/// How long DialogueBot keeps what people wrote (<c>Retention:</c> in configuration). Every period counts
/// from a date the record already carries for its own purpose — a run's close, a town hall's close, a
/// pair's week — never from a per-answer time: responses deliberately hold only a day, and adding a time
/// to serve retention would date answers (docs/anonymity.md).
/// </summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>Published pulse responses (whole rows) are deleted this long after their run closed.
    /// Aggregates are kept: they hold counts per cohort behind the threshold, no individual answer.</summary>
    public TimeSpan PulseResponses { get; set; } = TimeSpan.FromDays(730);

    /// <summary>Free-text answers inside responses are blanked this long after the run closed; the numeric
    /// and choice answers of the same response stay until <see cref="PulseResponses"/>.</summary>
    public TimeSpan PulseComments { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Questions (text, answers, votes) of a town hall are deleted this long after it closed for questions.</summary>
    public TimeSpan TownHallQuestions { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Concerns, ideas and questions (text, answers, named authors, votes) of a consultation are deleted this long after its input window ended.</summary>
    public TimeSpan ConsultationConcerns { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Follow-up notes, decline reasons and agenda items of a skip-level pair are cleared this long after the pair's week.</summary>
    public TimeSpan SkipLevelNotes { get; set; } = TimeSpan.FromDays(180);

    /// <summary>Finished work-ledger rows are deleted this long after they finished. Longer than the queue's
    /// longest delay (7 days), so a late redelivery still meets its "done" row and never runs twice.</summary>
    public TimeSpan FinishedWork { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Schedule the daily purge (off in tests that run it by hand).</summary>
    public bool SchedulePurge { get; set; } = true;

    /// <summary>The time of day (UTC) the daily purge runs.</summary>
    public TimeSpan PurgeTimeOfDay { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Periods shorter than this are refused at start: a typo ("1" meaning a year) must not wipe data.</summary>
    public static readonly TimeSpan ShortestPeriod = TimeSpan.FromDays(1);

    public IEnumerable<string> Problems()
    {
        foreach (var (name, value) in new[] { (nameof(PulseResponses), PulseResponses), (nameof(PulseComments), PulseComments), (nameof(TownHallQuestions), TownHallQuestions), (nameof(ConsultationConcerns), ConsultationConcerns), (nameof(SkipLevelNotes), SkipLevelNotes), (nameof(FinishedWork), FinishedWork) })
        {
            if (value < ShortestPeriod)
            {
                yield return $"Retention:{name} is {value}; the shortest period allowed is one day (write days as d.hh:mm:ss, e.g. 365.00:00:00).";
            }
        }

        if (PulseComments > PulseResponses)
        {
            yield return "Retention:PulseComments may not be longer than Retention:PulseResponses (comments live inside responses).";
        }

        if (FinishedWork < TimeSpan.FromDays(8))
        {
            yield return "Retention:FinishedWork must be at least 8 days: the work queue can hold an item for 7 days, and its done row must outlive it.";
        }

        if (PurgeTimeOfDay < TimeSpan.Zero || PurgeTimeOfDay >= TimeSpan.FromDays(1))
        {
            yield return "Retention:PurgeTimeOfDay must be a time of day (00:00:00 to 23:59:59).";
        }
    }
}

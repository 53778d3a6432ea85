namespace DialogueBot.TownHall;

/// <summary>Town hall settings. Bound from "TownHall".</summary>
public sealed class TownHallOptions
{
    public const string SectionName = "TownHall";

    public int MinQuestionLength { get; set; } = 10;

    public int MaxQuestionLength { get; set; } = 500;

    public int MaxAnswerLength { get; set; } = 2000;

    public int BoardPageSize { get; set; } = 5;

    /// <summary>
    /// An anonymous asker's own follow (an ordinary upvote) is added after a random delay up to this long, so
    /// it does not land next to the question in time. Zero in tests.
    /// </summary>
    public TimeSpan AnonymousFollowMaxDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The summary goes to the audience this long after the event.</summary>
    public TimeSpan SummaryAfterEvent { get; set; } = TimeSpan.FromHours(2);
}

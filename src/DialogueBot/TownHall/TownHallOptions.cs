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
    /// How long after the summary followers of still-open questions keep hearing about answers; then the town
    /// hall is finished: its key destroyed, its vote and follower rows deleted. Zero finishes it at once.
    /// </summary>
    public TimeSpan FollowUpPeriod { get; set; } = TimeSpan.FromDays(14);

    /// <summary>The summary goes to the audience this long after the event.</summary>
    public TimeSpan SummaryAfterEvent { get; set; } = TimeSpan.FromHours(2);
}

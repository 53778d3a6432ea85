namespace DialogueBot.Insights;

/// <summary>
/// The managers' wins HR or an executive chose to feature, for other features (the town-hall board and its
/// summary card). Nominations are named on purpose, so a win carries the names of the manager and of the
/// colleague who nominated them.
/// </summary>
public interface IRecognitionInsights
{
    /// <summary>Wins featured in the run-up to an event at <paramref name="eventAt"/> (newest first).</summary>
    Task<IReadOnlyList<FeaturedWin>> FeaturedWinsAsync(DateTimeOffset eventAt, int max, CancellationToken cancellationToken);
}

/// <param name="ManagerName">The manager recognised.</param>
/// <param name="OrgUnit">Their org unit.</param>
/// <param name="Category">What kind of win, in words ("Coached someone").</param>
/// <param name="Story">The win as the nominator told it (already cleaned; put it on a page as text only).</param>
/// <param name="NominatedBy">The colleague who nominated them.</param>
/// <param name="FeaturedAt">When it was featured.</param>
public sealed record FeaturedWin(string ManagerName, string OrgUnit, string Category, string Story, string NominatedBy, DateTimeOffset FeaturedAt);

/// <summary>Until the recognition feature is registered: nothing to say.</summary>
public sealed class NoRecognitionInsights : IRecognitionInsights
{
    public Task<IReadOnlyList<FeaturedWin>> FeaturedWinsAsync(DateTimeOffset eventAt, int max, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<FeaturedWin>>([]);
}

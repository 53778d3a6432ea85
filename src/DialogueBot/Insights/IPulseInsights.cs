namespace DialogueBot.Insights;

/// <summary>
/// What recent pulses say about an org unit, for other features (the skip-level agenda). Only aggregates
/// that passed the anonymity threshold ever come out of here.
/// </summary>
public interface IPulseInsights
{
    /// <summary>The most telling results of the latest closed pulses for <paramref name="orgUnit"/> (or its nearest ancestor with enough responses).</summary>
    Task<IReadOnlyList<PulseTheme>> LatestThemesAsync(string orgUnit, int max, CancellationToken cancellationToken);
}

/// <param name="PulseTitle">The pulse's title.</param>
/// <param name="Question">The question.</param>
/// <param name="Summary">A one-line reading, e.g. "2.6 / 5 from 12 people, down 0.4".</param>
/// <param name="Scope">The group the figure describes (an org unit, or "everyone").</param>
/// <param name="ClosedAt">When the pulse closed.</param>
public sealed record PulseTheme(string PulseTitle, string Question, string Summary, string Scope, DateTimeOffset ClosedAt);

/// <summary>Until the pulse feature is registered: nothing to say.</summary>
public sealed class NoPulseInsights : IPulseInsights
{
    public Task<IReadOnlyList<PulseTheme>> LatestThemesAsync(string orgUnit, int max, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PulseTheme>>([]);
}

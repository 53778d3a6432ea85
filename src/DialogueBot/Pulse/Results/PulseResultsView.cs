using DialogueBot.Infrastructure.Anonymity.Disclosure;
using DialogueBot.Pulse.Model;

namespace DialogueBot.Pulse.Results;

public enum ResultsStatus
{
    /// <summary>Figures are shown.</summary>
    Ready,
    /// <summary>The run is still open: results open at close (no peeking, so no differencing over time).</summary>
    NotClosed,
    /// <summary>Fewer than k people answered: nothing is shown.</summary>
    NotEnoughResponses,
    /// <summary>The filter would isolate fewer than k people (directly or by subtraction).</summary>
    FilterRefused,
}

/// <summary>What a reader may see of one run, after every anonymity rule. Nothing under the threshold is in here.</summary>
public sealed record PulseResultsView(
    string PulseId,
    string RunId,
    int Sequence,
    string Title,
    DateTimeOffset ClosesAt,
    ResultsStatus Status,
    string Message,
    Cohort Filter,
    int AudienceCount,
    int? Respondents,
    double? ResponseRate,
    IReadOnlyList<QuestionResult> Questions,
    IReadOnlyList<ResultsFilter> Filters,
    IReadOnlyList<TrendPoint> Trend,
    int MinimumGroupSize);

/// <summary>One question's figures, or why they are hidden.</summary>
public sealed record QuestionResult(
    string Id,
    string Text,
    QuestionKind Kind,
    int? Answers,
    double? Mean,
    double? Enps,
    IReadOnlyList<DistributionBucket> Distribution,
    IReadOnlyList<string> Comments,
    string? Suppressed)
{
    /// <summary>
    /// Aligned with <see cref="Comments"/>: the comment thread a leader may reply through, or null when its
    /// author did not tick "leaders may reply to me anonymously".
    /// </summary>
    public IReadOnlyList<string?> CommentThreads { get; init; } = [];
}

public sealed record DistributionBucket(string Label, int Count);

/// <summary>A filter the reader may apply ("unit:Engineering", "level:4").</summary>
public sealed record ResultsFilter(Cohort Key, string Label);

/// <summary>A closed run of the same pulse with enough responses: its mean per numeric question.</summary>
public sealed record TrendPoint(int Sequence, string Day, int Respondents, IReadOnlyDictionary<string, double> Means);

using System.Globalization;
using DialogueBot.Loop.Commitments;
using DialogueBot.Loop.Subjects;

namespace DialogueBot.Loop.Figures;

/// <summary>One subject's follow-through: how soon a summary came, how many questions were answered and how fast, how many actions were done on time.</summary>
public sealed record SubjectFigures(
    SubjectKind Kind,
    string Id,
    string Title,
    DateTimeOffset ClosedAt,
    double? HoursToSummary,
    int QuestionsAsked,
    int QuestionsAnswered,
    double? AnsweredShare,
    double? MedianHoursToAnswer,
    int Actions,
    int ActionsDone,
    int ActionsDoneOnTime,
    int ActionsOverdue,
    double? OnTimeShare);

/// <summary>The same figures over every subject that closed in one month ("2026-11").</summary>
public sealed record PeriodFigures(string Month, int Subjects, int Summaries, double? MedianHoursToSummary, double? AnsweredShare, double? MedianHoursToAnswer, double? OnTimeShare);

public sealed record FollowThroughFigures(IReadOnlyList<SubjectFigures> Subjects, IReadOnlyList<PeriodFigures> Months);

/// <summary>One subject's facts, as read: the figures are computed from these alone (pure, unit-tested on a scripted history).</summary>
public sealed record SubjectHistory(LoopSubject Subject, SummaryEntity? Summary, IReadOnlyList<CommitmentAction> Actions, QuestionCounts Questions);

/// <summary>
/// The figures' rules. An action counts towards "on time" once it is decided: done (on time when by the end
/// of its due day), or past due and not done; dropped actions and actions not yet due are left out.
/// </summary>
public static class FollowThrough
{
    public static FollowThroughFigures Compute(IReadOnlyList<SubjectHistory> history, DateTimeOffset now)
    {
        var subjects = history.OrderByDescending(h => h.Subject.ClosedAt).Select(h => Of(h, now)).ToList();
        var months = history.GroupBy(h => h.Subject.ClosedAt.ToString("yyyy-MM", CultureInfo.InvariantCulture))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var list = g.ToList();
                var asked = list.Sum(h => h.Questions.Asked);
                var (onTime, decided) = list.Select(h => Decided(h.Actions, now)).Aggregate((0, 0), (a, b) => (a.Item1 + b.OnTime, a.Item2 + b.Decided));
                return new PeriodFigures(g.Key, list.Count, list.Count(h => h.Summary is not null),
                    Median(list.Where(h => h.Summary is not null).Select(h => HoursToSummary(h)!.Value).ToList()),
                    Share(list.Sum(h => h.Questions.Answered), asked),
                    Median(list.SelectMany(h => h.Questions.HoursToAnswer).ToList()),
                    Share(onTime, decided));
            }).ToList();
        return new FollowThroughFigures(subjects, months);
    }

    public static SubjectFigures Of(SubjectHistory h, DateTimeOffset now)
    {
        var (onTime, decided) = Decided(h.Actions, now);
        return new SubjectFigures(h.Subject.Kind, h.Subject.Id, h.Subject.Title, h.Subject.ClosedAt, HoursToSummary(h),
            h.Questions.Asked, h.Questions.Answered, Share(h.Questions.Answered, h.Questions.Asked), Median(h.Questions.HoursToAnswer),
            h.Actions.Count, h.Actions.Count(a => a.Status == ActionStatus.Done), onTime, h.Actions.Count(a => a.IsOverdueAt(now)), Share(onTime, decided));
    }

    /// <summary>Median of the values (the mean of the middle two for an even count), rounded to 0.1; null for none.</summary>
    public static double? Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        var median = sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return Math.Round(median, 1);
    }

    /// <summary>A share in percent, rounded to 0.1; null when there is nothing to share.</summary>
    public static double? Share(int part, int whole) => whole == 0 ? null : Math.Round(100.0 * part / whole, 1);

    private static double? HoursToSummary(SubjectHistory h) =>
        h.Summary is { } s ? Math.Round(Math.Max(0, (s.PublishedAt - h.Subject.ClosedAt).TotalHours), 1) : null;

    private static (int OnTime, int Decided) Decided(IReadOnlyList<CommitmentAction> actions, DateTimeOffset now) =>
        (actions.Count(a => a.DoneOnTime), actions.Count(a => a.Status == ActionStatus.Done || a.IsOverdueAt(now)));
}

using DialogueBot.Infrastructure.Anonymity;
using DialogueBot.Infrastructure.Anonymity.Disclosure;
using DialogueBot.Pulse.Aggregates;
using DialogueBot.Pulse.Definitions;
using DialogueBot.Pulse.Model;
using DialogueBot.Pulse.Responses;
using DialogueBot.Pulse.Runs;
using Microsoft.Extensions.Options;

namespace DialogueBot.Pulse.Results;

/// <summary>
/// Reads results from the aggregates (never by scanning answers, except comments of a group that passed the
/// threshold), applying every anonymity rule: closed runs only, the views and per-question figures that
/// <see cref="DisclosureRules"/> permits (no two of them differ by fewer than k people), comments shuffled and undated.
/// </summary>
public sealed class PulseResultsService(
    PulseDefinitionRepository definitions,
    PulseRunRepository runs,
    PulseAggregateRepository aggregates,
    PulseResponseRepository responses,
    Insights.ICommentThreads threads,
    IOptions<AnonymityOptions> anonymity,
    TimeProvider time)
{
    private int K => anonymity.Value.MinimumGroupSize;

    /// <summary>The latest run that has closed, else the latest run.</summary>
    public async Task<PulseRun?> LatestRunAsync(string pulseId, CancellationToken cancellationToken)
    {
        var list = await runs.ListForPulseAsync(pulseId, cancellationToken);
        var now = time.GetUtcNow();
        return list.LastOrDefault(r => r.Status == RunStatus.Closed) ?? list.LastOrDefault(r => r.OpensAt <= now) ?? list.LastOrDefault();
    }

    /// <param name="filter">A cohort key ("unit:Engineering"), or null/blank for everyone; a key that is not one is refused like any filter not permitted.</param>
    public Task<PulseResultsView?> GetAsync(string pulseId, string? runId, string? filter, CancellationToken cancellationToken) =>
        ReadAsync(pulseId, runId, string.IsNullOrWhiteSpace(filter) ? Cohort.Everyone : Cohort.TryParse(filter.Trim(), out var parsed) ? parsed : null, cancellationToken);

    /// <summary>One run's results in one view, after every anonymity rule.</summary>
    public Task<PulseResultsView?> GetAsync(string pulseId, string? runId, Cohort view, CancellationToken cancellationToken) =>
        ReadAsync(pulseId, runId, view, cancellationToken);

    /// <param name="requested">The view asked for; null when the filter named no cohort (refused like any filter not permitted).</param>
    private async Task<PulseResultsView?> ReadAsync(string pulseId, string? runId, Cohort? requested, CancellationToken cancellationToken)
    {
        var definition = await definitions.FindAsync(pulseId, cancellationToken);
        if (definition is null)
        {
            return null;
        }

        var run = runId is null ? await LatestRunAsync(pulseId, cancellationToken) : await runs.FindAsync(runId, cancellationToken);
        if (run is null || run.PulseId != pulseId)
        {
            return null;
        }

        var view = requested ?? Cohort.Everyone;
        PulseResultsView View(ResultsStatus status, string message, int? respondents = null, IReadOnlyList<QuestionResult>? results = null, IReadOnlyList<ResultsFilter>? filters = null, IReadOnlyList<TrendPoint>? trend = null) =>
            new(pulseId, run.Id, run.Sequence, definition.Title, run.ClosesAt, status, message, view, run.AudienceCount, respondents,
                respondents is { } r && run.AudienceCount > 0 ? Math.Round(100.0 * r / run.AudienceCount, 1) : null,
                results ?? [], filters ?? [], trend ?? [], K);

        if (run.Status != RunStatus.Closed)
        {
            return View(ResultsStatus.NotClosed, $"Results open when the pulse closes on {PulseDates.Day(run.ClosesAt)}. Until then nobody sees any figures, so no one can compare views over time to spot a single answer.");
        }

        var rows = await aggregates.ListAsync(run.Id, cancellationToken);
        var measures = rows.GroupBy(r => r.Cohort).ToDictionary(g => g.Key, g => g.ToDictionary(r => r.Question, r => r.Count, StringComparer.Ordinal));
        var total = measures.GetValueOrDefault(Cohort.Everyone)?.GetValueOrDefault(DisclosureRules.Respondents) ?? 0;
        var trend = await TrendAsync(definition, cancellationToken);
        if (total < K)
        {
            return View(ResultsStatus.NotEnoughResponses, $"Not enough responses: results are shown only when at least {K} people have answered.", trend: trend);
        }

        // One decision for the whole run: every view and question shown below comes from it, so no two of them differ by fewer than k.
        var disclosure = DisclosureRules.Decide(measures, K);
        var filters = disclosure.Views.Where(v => v != Cohort.Everyone).OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new ResultsFilter(c, c.Label)).ToList();
        if (requested is null || !disclosure.Views.Contains(view))
        {
            return View(ResultsStatus.FilterRefused, $"This filter is not available: it would describe fewer than {K} people, either directly or by comparing it with the wider group.", total, filters: filters, trend: trend);
        }

        var viewRows = rows.Where(r => r.Cohort == view).ToDictionary(r => r.Question, StringComparer.Ordinal);
        var respondents = viewRows.GetValueOrDefault(DisclosureRules.Respondents)?.Count ?? 0;
        var comments = definition.Questions.Any(q => q.Kind == QuestionKind.Text) ? await CommentsAsync(run.Id, view, cancellationToken) : [];
        var results = definition.Questions
            .Select(q => WithThreads(QuestionFigures.Of(q, viewRows.GetValueOrDefault(q.Id), comments.GetValueOrDefault(q.Id)?.Select(c => c.Text).ToList() ?? [], disclosure.Shows(q.Id, view), K), comments.GetValueOrDefault(q.Id)))
            .ToList();
        return View(ResultsStatus.Ready, view == Cohort.Everyone ? "Everyone who answered." : view.Label, respondents, results, filters, trend) with
        {
            ResponseRate = view == Cohort.Everyone && run.AudienceCount > 0 ? Math.Round(100.0 * total / run.AudienceCount, 1) : null,
        };
    }

    /// <summary>The comment threads beside the comments shown, in the same order; none when the figures hide the comments.</summary>
    private static QuestionResult WithThreads(QuestionResult result, List<(string Text, string? Thread)>? comments) =>
        result.Comments.Count == 0 || comments is null ? result : result with { CommentThreads = comments.Select(c => c.Thread).ToList() };

    /// <summary>Comments of the cohort, shuffled, without dates or any other field of their response (only the thread a leader may reply through, if its author opted in).</summary>
    private async Task<Dictionary<string, List<(string Text, string? Thread)>>> CommentsAsync(string runId, Cohort view, CancellationToken cancellationToken)
    {
        var byQuestion = new Dictionary<string, List<(string Text, string? Thread)>>(StringComparer.Ordinal);
        var threadOf = await threads.ThreadsOfAsync(runId, cancellationToken);
        foreach (var response in (await responses.ListAsync(runId, cancellationToken)).Where(r => view.Holds(r.Unit, r.Level)))
        {
            foreach (var (question, text) in response.Answers)
            {
                if (!byQuestion.TryGetValue(question, out var list))
                {
                    byQuestion[question] = list = [];
                }

                list.Add((text, threadOf.GetValueOrDefault((response.Key, question))));
            }
        }

        foreach (var list in byQuestion.Values)
        {
            Random.Shared.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list));
        }

        return byQuestion;
    }

    /// <summary>Every closed run of the pulse with at least k respondents: means of its numeric questions (whole audience only).</summary>
    public async Task<IReadOnlyList<TrendPoint>> TrendAsync(PulseDefinition definition, CancellationToken cancellationToken)
    {
        var points = new List<TrendPoint>();
        var numeric = definition.Questions.Where(q => q.IsNumeric).ToList();
        foreach (var run in (await runs.ListForPulseAsync(definition.Id, cancellationToken)).Where(r => r.Status == RunStatus.Closed))
        {
            var rows = (await aggregates.ListAsync(run.Id, cancellationToken)).Where(r => r.Cohort == Cohort.Everyone).ToDictionary(r => r.Question, StringComparer.Ordinal);
            var n = rows.GetValueOrDefault(DisclosureRules.Respondents)?.Count ?? 0;
            if (n < K)
            {
                continue;
            }

            var means = numeric.Where(q => rows.GetValueOrDefault(q.Id)?.Count >= K).ToDictionary(q => q.Id, q => Math.Round((double)rows[q.Id].Sum / rows[q.Id].Count, 2));
            points.Add(new TrendPoint(run.Sequence, PulseDates.IsoDay(run.ClosesAt), n, means));
        }

        return points;
    }
}

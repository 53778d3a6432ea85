using DialogueBot.Infrastructure.Anonymity;
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
    IOptions<AnonymityOptions> anonymity,
    TimeProvider time)
{
    private int K => anonymity.Value.MinimumGroupSize;

    /// <summary>The latest run that has closed, else the latest run.</summary>
    public async Task<PulseRunEntity?> LatestRunAsync(string pulseId, CancellationToken cancellationToken)
    {
        var list = await runs.ListForPulseAsync(pulseId, cancellationToken);
        var now = time.GetUtcNow();
        return list.LastOrDefault(r => r.Status == PulseRunEntity.Closed) ?? list.LastOrDefault(r => r.OpensAt <= now) ?? list.LastOrDefault();
    }

    public async Task<PulseResultsView?> GetAsync(string pulseId, string? runId, string? filter, CancellationToken cancellationToken)
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

        filter = string.IsNullOrWhiteSpace(filter) ? CohortKeys.All : filter.Trim();
        var questions = definition.QuestionList;
        PulseResultsView View(ResultsStatus status, string message, int? respondents = null, IReadOnlyList<QuestionResult>? results = null, IReadOnlyList<ResultsFilter>? filters = null, IReadOnlyList<TrendPoint>? trend = null) =>
            new(pulseId, run.Id, run.Sequence, definition.Title, run.ClosesAt, status, message, filter, run.AudienceCount, respondents,
                respondents is { } r && run.AudienceCount > 0 ? Math.Round(100.0 * r / run.AudienceCount, 1) : null,
                results ?? [], filters ?? [], trend ?? [], K);

        if (run.Status != PulseRunEntity.Closed)
        {
            return View(ResultsStatus.NotClosed, $"Results open when the pulse closes on {Cards.PulseQuestionCard.Day(run.ClosesAt)}. Until then nobody sees any figures, so no one can compare views over time to spot a single answer.");
        }

        var measures = await MeasuresAsync(run.Id, cancellationToken);
        var rows = await aggregates.ListAsync(run.Id, cancellationToken);
        var total = measures.GetValueOrDefault(CohortKeys.All)?.GetValueOrDefault(PulseAggregateEntity.RespondentsQuestion) ?? 0;
        var trend = await TrendAsync(definition, cancellationToken);
        if (total < K)
        {
            return View(ResultsStatus.NotEnoughResponses, $"Not enough responses: results are shown only when at least {K} people have answered.", trend: trend);
        }

        // One decision for the whole run: every view and question shown below comes from it, so no two of them differ by fewer than k.
        var disclosure = DisclosureRules.Decide(measures, K);
        var filters = disclosure.Views.Where(v => v != CohortKeys.All).Order(StringComparer.Ordinal).Select(c => new ResultsFilter(c, Label(c))).ToList();
        if (!disclosure.Views.Contains(filter))
        {
            return View(ResultsStatus.FilterRefused, $"This filter is not available: it would describe fewer than {K} people, either directly or by comparing it with the wider group.", total, filters: filters, trend: trend);
        }

        var cohortRows = rows.Where(r => r.Cohort == filter).ToDictionary(r => r.Question, StringComparer.Ordinal);
        var respondents = cohortRows.GetValueOrDefault(PulseAggregateEntity.RespondentsQuestion)?.Count ?? 0;
        var comments = questions.Any(q => q.Kind == QuestionKind.Text) ? await CommentsAsync(run.Id, filter, cancellationToken) : [];
        var results = questions.Select(q => Result(q, cohortRows.GetValueOrDefault(q.Id), comments, disclosure.Shows(q.Id, filter))).ToList();
        return View(ResultsStatus.Ready, filter == CohortKeys.All ? "Everyone who answered." : Label(filter), respondents, results, filters, trend) with
        {
            ResponseRate = filter == CohortKeys.All && run.AudienceCount > 0 ? Math.Round(100.0 * total / run.AudienceCount, 1) : null,
        };
    }

    private QuestionResult Result(PulseQuestion question, PulseAggregateEntity? row, IReadOnlyDictionary<string, List<string>> comments, bool shown)
    {
        var count = row?.Count ?? 0;
        if (count < K)
        {
            return new QuestionResult(question.Id, question.Text, question.Kind.ToString(), null, null, null, [], [], $"Fewer than {K} answers: hidden.");
        }

        if (!shown)
        {
            // Enough answers here, but compared with another view shown they would describe fewer than k people.
            return new QuestionResult(question.Id, question.Text, question.Kind.ToString(), null, null, null, [], [], $"Hidden: compared with another view, these answers would describe fewer than {K} people.");
        }

        var map = row!.DistributionMap;
        double? mean = question.IsNumeric ? Math.Round((double)row.Sum / count, 2) : null;
        double? enps = null;
        IReadOnlyList<DistributionBucket> distribution = [];
        switch (question.Kind)
        {
            case QuestionKind.Rating or QuestionKind.Enps:
                var (min, max) = question.Range;
                distribution = Enumerable.Range(min, max - min + 1).Select(v => new DistributionBucket(v.ToString(System.Globalization.CultureInfo.InvariantCulture), map.GetValueOrDefault(v.ToString(System.Globalization.CultureInfo.InvariantCulture)))).ToList();
                if (question.Kind == QuestionKind.Enps)
                {
                    var promoters = distribution.Where(b => int.Parse(b.Label, System.Globalization.CultureInfo.InvariantCulture) >= 9).Sum(b => b.Count);
                    var detractors = distribution.Where(b => int.Parse(b.Label, System.Globalization.CultureInfo.InvariantCulture) <= 6).Sum(b => b.Count);
                    enps = Math.Round(100.0 * (promoters - detractors) / count, 0);
                }

                break;
            case QuestionKind.SingleChoice or QuestionKind.MultiChoice:
                distribution = question.ChoiceList.Select((c, i) => new DistributionBucket(c, map.GetValueOrDefault(i.ToString(System.Globalization.CultureInfo.InvariantCulture)))).ToList();
                break;
        }

        var texts = question.Kind == QuestionKind.Text ? comments.GetValueOrDefault(question.Id) ?? [] : [];
        return new QuestionResult(question.Id, question.Text, question.Kind.ToString(), count, mean, enps, distribution, texts, null);
    }

    /// <summary>Comments of the cohort, shuffled, without dates or any other field of their response.</summary>
    private static async Task<Dictionary<string, List<string>>> CommentsAsync(string runId, string filter, PulseResponseRepository responses, CancellationToken cancellationToken)
    {
        var rows = await responses.ListAsync(runId, cancellationToken);
        var inCohort = rows.Where(r => CohortKeys.Views(r.Unit, r.Level).Contains(filter, StringComparer.Ordinal));
        var byQuestion = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var row in inCohort)
        {
            foreach (var (question, text) in PulseAnswers.Parse(row.Answers))
            {
                if (!byQuestion.TryGetValue(question, out var list))
                {
                    byQuestion[question] = list = [];
                }

                list.Add(text);
            }
        }

        foreach (var list in byQuestion.Values)
        {
            Random.Shared.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list));
        }

        return byQuestion;
    }

    private Task<Dictionary<string, List<string>>> CommentsAsync(string runId, string filter, CancellationToken cancellationToken) =>
        CommentsAsync(runId, filter, responses, cancellationToken);

    /// <summary>cohort → (measure → count): respondents ("n") and answers per question.</summary>
    private async Task<Dictionary<string, Dictionary<string, int>>> MeasuresAsync(string runId, CancellationToken cancellationToken)
    {
        var rows = await aggregates.ListAsync(runId, cancellationToken);
        return rows.GroupBy(r => r.Cohort, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToDictionary(r => r.Question, r => r.Count, StringComparer.Ordinal), StringComparer.Ordinal);
    }

    /// <summary>Every closed run of the pulse with at least k respondents: means of its numeric questions (whole audience only).</summary>
    public async Task<IReadOnlyList<TrendPoint>> TrendAsync(PulseDefinitionEntity definition, CancellationToken cancellationToken)
    {
        var points = new List<TrendPoint>();
        var numeric = definition.QuestionList.Where(q => q.IsNumeric).ToList();
        foreach (var run in (await runs.ListForPulseAsync(definition.Id, cancellationToken)).Where(r => r.Status == PulseRunEntity.Closed))
        {
            var rows = (await aggregates.ListAsync(run.Id, cancellationToken)).Where(r => r.Cohort == CohortKeys.All).ToDictionary(r => r.Question, StringComparer.Ordinal);
            var n = rows.GetValueOrDefault(PulseAggregateEntity.RespondentsQuestion)?.Count ?? 0;
            if (n < K)
            {
                continue;
            }

            var means = numeric.Where(q => rows.GetValueOrDefault(q.Id)?.Count >= K).ToDictionary(q => q.Id, q => Math.Round((double)rows[q.Id].Sum / rows[q.Id].Count, 2));
            points.Add(new TrendPoint(run.Sequence, run.ClosesAt.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), n, means));
        }

        return points;
    }

    public static string Label(string cohort) => cohort switch
    {
        CohortKeys.All => "Everyone",
        _ when cohort.StartsWith("unit:", StringComparison.Ordinal) => cohort["unit:".Length..],
        _ when cohort.StartsWith("level:", StringComparison.Ordinal) => "Level " + cohort["level:".Length..],
        _ => cohort,
    };
}

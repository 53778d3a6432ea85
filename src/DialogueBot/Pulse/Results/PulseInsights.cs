using System.Globalization;
using DialogueBot.Insights;
using DialogueBot.Infrastructure.Anonymity.Disclosure;
using DialogueBot.Pulse.Definitions;
using DialogueBot.Pulse.Model;
using DialogueBot.Pulse.Runs;

namespace DialogueBot.Pulse.Results;

/// <summary>
/// The real <see cref="IPulseInsights"/>: the latest closed run of each pulse, read through the same rules as
/// the results card (the unit's own figures if that filter is permitted, else its nearest permitted ancestor,
/// else everyone). Nothing below the threshold can come out of here because nothing below it is in a view, and a
/// question <see cref="DisclosureRules"/> hides in a view (it could be subtracted from another) has no mean there.
/// </summary>
public sealed class PulseInsights(PulseDefinitionRepository definitions, PulseRunRepository runs, PulseResultsService results) : IPulseInsights
{
    public async Task<IReadOnlyList<PulseTheme>> LatestThemesAsync(string orgUnit, int max, CancellationToken cancellationToken)
    {
        var themes = new List<(double Score, PulseTheme Theme)>();
        var allRuns = await runs.ListAsync(cancellationToken);
        foreach (var definition in await definitions.ListAsync(cancellationToken))
        {
            var closed = allRuns.Where(r => r.PulseId == definition.Id && r.Status == RunStatus.Closed).OrderBy(r => r.Sequence).ToList();
            if (closed.Count == 0)
            {
                continue;
            }

            var run = closed[^1];
            PulseResultsView? view = null;
            var unit = Org.OrgChartCsv.NormalizeUnit(orgUnit);
            for (var candidate = unit; ; candidate = Org.OrgSnapshot.ParentUnit(candidate))
            {
                view = await results.GetAsync(definition.Id, run.Id, Cohort.OfUnit(candidate), cancellationToken);
                if (view?.Status == ResultsStatus.Ready || candidate.Length == 0)
                {
                    break;
                }
            }

            if (view?.Status != ResultsStatus.Ready)
            {
                continue;
            }

            var previous = closed.Count > 1 ? await results.GetAsync(definition.Id, closed[^2].Id, view.Filter, cancellationToken) : null;
            foreach (var q in view.Questions.Where(q => q.Mean is not null))
            {
                var scale = q.Kind == QuestionKind.Enps ? 10.0 : 5.0;
                var before = previous?.Questions.FirstOrDefault(p => p.Id == q.Id)?.Mean;
                var change = before is { } b ? $", {(q.Mean >= b ? "up" : "down")} {Math.Abs(q.Mean!.Value - b).ToString("0.0", CultureInfo.InvariantCulture)}" : "";
                var summary = $"{q.Mean!.Value.ToString("0.0", CultureInfo.InvariantCulture)} / {scale:0} from {q.Answers} people{change}";
                // Lowest scores first: those are what a skip-level conversation should hear about.
                themes.Add((q.Mean.Value / scale, new PulseTheme(definition.Title, q.Text, summary, view.Filter.Label, run.ClosesAt)));
            }
        }

        return themes.OrderBy(t => t.Score).Take(Math.Max(0, max)).Select(t => t.Theme).ToList();
    }
}

using System.Globalization;
using DialogueBot.Pulse.Model;
using DialogueBot.Pulse.Results;
using DialogueBot.Pulse.Runs;

namespace DialogueBot.Loop.Commitments;

/// <summary>
/// "The results that passed k" on a pulse summary: read through the pulse's own results service (everyone
/// view, every anonymity rule applied there), numbers only — comments stay in the results, not in the
/// audience's chats.
/// </summary>
public sealed class SummaryHeadlines(PulseRunRepository runs, PulseResultsService results)
{
    public async Task<IReadOnlyList<(string Label, string Value)>> ForAsync(SummaryEntity summary, CancellationToken cancellationToken)
    {
        if (summary.SubjectKind != SubjectKind.Pulse || await runs.FindAsync(summary.PartitionKey, cancellationToken) is not { } run)
        {
            return [];
        }

        var view = await results.GetAsync(run.PulseId, run.Id, filter: null, cancellationToken);
        if (view is null || view.Status != ResultsStatus.Ready)
        {
            return [];
        }

        var lines = new List<(string, string)> { ("Responses", view.ResponseRate is { } rate ? $"{view.Respondents} ({rate.ToString("0.#", CultureInfo.InvariantCulture)}%)" : $"{view.Respondents}") };
        foreach (var q in view.Questions.Where(q => q.Suppressed is null))
        {
            var value = q.Kind switch
            {
                QuestionKind.Enps => $"eNPS {q.Enps:+0;-0;0}",
                QuestionKind.Rating => $"{q.Mean?.ToString("0.0", CultureInfo.InvariantCulture)} / 5",
                QuestionKind.SingleChoice or QuestionKind.MultiChoice when q.Distribution.Count > 0 => "most chose " + q.Distribution.MaxBy(b => b.Count)!.Label,
                _ => null,
            };
            if (value is not null)
            {
                lines.Add((q.Text, value));
            }
        }

        return lines;
    }
}

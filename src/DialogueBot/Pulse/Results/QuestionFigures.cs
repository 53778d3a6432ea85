using System.Globalization;
using DialogueBot.Pulse.Aggregates;
using DialogueBot.Pulse.Model;

namespace DialogueBot.Pulse.Results;

/// <summary>One question's figures in one view, from its totals, or why they are hidden. Pure: the disclosure decision is made before.</summary>
public static class QuestionFigures
{
    /// <param name="shown">Whether the disclosure rule lets this question be shown in this view (see DisclosureRules).</param>
    public static QuestionResult Of(PulseQuestion question, PulseAggregate? totals, IReadOnlyList<string> comments, bool shown, int k)
    {
        var count = totals?.Count ?? 0;
        if (count < k)
        {
            return Hidden(question, $"Fewer than {k} answers: hidden.");
        }

        if (!shown)
        {
            // Enough answers here, but compared with another view shown they would describe fewer than k people.
            return Hidden(question, $"Hidden: compared with another view, these answers would describe fewer than {k} people.");
        }

        var map = totals!.Distribution;
        double? mean = question.IsNumeric ? Math.Round((double)totals.Sum / count, 2) : null;
        double? enps = null;
        IReadOnlyList<DistributionBucket> distribution = [];
        switch (question.Kind)
        {
            case QuestionKind.Rating or QuestionKind.Enps:
                var (min, max) = question.Range;
                distribution = Enumerable.Range(min, max - min + 1).Select(v => new DistributionBucket(Number(v), map.GetValueOrDefault(Number(v)))).ToList();
                if (question.Kind == QuestionKind.Enps)
                {
                    var promoters = Enumerable.Range(9, 2).Sum(v => map.GetValueOrDefault(Number(v)));
                    var detractors = Enumerable.Range(0, 7).Sum(v => map.GetValueOrDefault(Number(v)));
                    enps = Math.Round(100.0 * (promoters - detractors) / count, 0);
                }

                break;
            case QuestionKind.SingleChoice or QuestionKind.MultiChoice:
                distribution = question.ChoiceList.Select((c, i) => new DistributionBucket(c, map.GetValueOrDefault(Number(i)))).ToList();
                break;
        }

        return new QuestionResult(question.Id, question.Text, question.Kind, count, mean, enps, distribution, question.Kind == QuestionKind.Text ? comments : [], null);
    }

    private static QuestionResult Hidden(PulseQuestion question, string why) =>
        new(question.Id, question.Text, question.Kind, null, null, null, [], [], why);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}

using System.Globalization;
using DialogueBot.Pulse.Model;

namespace DialogueBot.Pulse.Aggregates;

/// <summary>The totals of a set of responses, per cohort they count in and per question (question "n" counts respondents).</summary>
public static class AggregateBuilder
{
    public static IReadOnlyCollection<AggregateDelta> Build(IEnumerable<(string Unit, int? Level, string Answers)> responses, IReadOnlyList<PulseQuestion> questions)
    {
        var totals = new Dictionary<(string, string), AggregateDelta>();
        AggregateDelta Get(string cohort, string question)
        {
            if (!totals.TryGetValue((cohort, question), out var d))
            {
                totals[(cohort, question)] = d = new AggregateDelta(cohort, question);
            }

            return d;
        }

        foreach (var (unit, level, json) in responses)
        {
            var answers = PulseAnswers.Parse(json);
            foreach (var cohort in CohortKeys.Of(unit, level))
            {
                Get(cohort, PulseAggregateEntity.RespondentsQuestion).Count++;
                foreach (var question in questions)
                {
                    if (!answers.TryGetValue(question.Id, out var value) || value.Length == 0)
                    {
                        continue;
                    }

                    var delta = Get(cohort, question.Id);
                    delta.Count++;
                    switch (question.Kind)
                    {
                        case QuestionKind.Rating or QuestionKind.Enps:
                            delta.Sum += int.Parse(value, CultureInfo.InvariantCulture);
                            delta.Distribution[value] = delta.Distribution.GetValueOrDefault(value) + 1;
                            break;
                        case QuestionKind.SingleChoice or QuestionKind.MultiChoice:
                            foreach (var index in PulseAnswers.Indexes(value))
                            {
                                var key = index.ToString(CultureInfo.InvariantCulture);
                                delta.Distribution[key] = delta.Distribution.GetValueOrDefault(key) + 1;
                            }

                            break;
                    }
                }
            }
        }

        return totals.Values;
    }
}

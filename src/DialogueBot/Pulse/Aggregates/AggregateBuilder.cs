using System.Globalization;
using DialogueBot.Infrastructure.Anonymity.Disclosure;
using DialogueBot.Pulse.Model;
using DialogueBot.Pulse.Responses;

namespace DialogueBot.Pulse.Aggregates;

/// <summary>The totals of a set of responses, per cohort they count in (<see cref="Cohort.AllOf"/>) and per question (question "n" counts respondents).</summary>
public static class AggregateBuilder
{
    public static IReadOnlyList<PulseAggregate> Build(IEnumerable<PulseResponse> responses, IReadOnlyList<PulseQuestion> questions)
    {
        var totals = new Dictionary<(Cohort, string), Total>();
        Total Get(Cohort cohort, string question)
        {
            if (!totals.TryGetValue((cohort, question), out var total))
            {
                totals[(cohort, question)] = total = new Total();
            }

            return total;
        }

        foreach (var response in responses)
        {
            foreach (var cohort in Cohort.AllOf(response.Unit, response.Level))
            {
                Get(cohort, PulseAggregateEntity.RespondentsQuestion).Count++;
                foreach (var question in questions)
                {
                    if (!response.Answers.TryGetValue(question.Id, out var value) || value.Length == 0)
                    {
                        continue;
                    }

                    var total = Get(cohort, question.Id);
                    total.Count++;
                    switch (question.Kind)
                    {
                        case QuestionKind.Rating or QuestionKind.Enps:
                            total.Sum += int.Parse(value, CultureInfo.InvariantCulture);
                            total.Add(value);
                            break;
                        case QuestionKind.SingleChoice or QuestionKind.MultiChoice:
                            foreach (var index in PulseAnswers.Indexes(value))
                            {
                                total.Add(index.ToString(CultureInfo.InvariantCulture));
                            }

                            break;
                    }
                }
            }
        }

        return totals.Select(t => new PulseAggregate(t.Key.Item1, t.Key.Item2, t.Value.Count, t.Value.Sum, t.Value.Distribution)).ToList();
    }

    private sealed class Total
    {
        public int Count { get; set; }
        public long Sum { get; set; }
        public Dictionary<string, int> Distribution { get; } = [];

        public void Add(string value) => Distribution[value] = Distribution.GetValueOrDefault(value) + 1;
    }
}

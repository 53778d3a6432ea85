using System.Globalization;
using System.Text.Json;

namespace DialogueBot.Pulse.Model;

/// <summary>A person's answers: question id → value ("4" for a rating, "0;2" for choice indexes, the text itself).</summary>
public static class PulseAnswers
{
    public static string Serialize(IReadOnlyDictionary<string, string> answers) => JsonSerializer.Serialize(answers);

    public static Dictionary<string, string> Parse(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];

    public static IEnumerable<int> Indexes(string value) =>
        value.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(v => int.Parse(v, CultureInfo.InvariantCulture));

    /// <summary>The answer as the person would read it.</summary>
    public static string Describe(PulseQuestion question, string value) => question.Kind switch
    {
        QuestionKind.Rating => $"{value} / 5",
        QuestionKind.Enps => $"{value} / 10",
        QuestionKind.SingleChoice or QuestionKind.MultiChoice => string.Join(", ", Indexes(value).Select(i => i < question.ChoiceList.Count ? question.ChoiceList[i] : "?")),
        _ => value,
    };
}

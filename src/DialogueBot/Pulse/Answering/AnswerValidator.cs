using System.Globalization;
using System.Text.Json;
using DialogueBot.Pulse.Model;

namespace DialogueBot.Pulse.Answering;

/// <summary>Checks what a card sent against the questions. Returns the normalised answers, the raw values (to refill the card) and errors per question.</summary>
public static class AnswerValidator
{
    public sealed record Result(Dictionary<string, string> Answers, Dictionary<string, string> Raw, Dictionary<string, string> Errors)
    {
        public bool IsValid => Errors.Count == 0;
    }

    public static Result Validate(IReadOnlyList<PulseQuestion> questions, IReadOnlyDictionary<string, JsonElement> inputs)
    {
        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        var raw = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < questions.Count; i++)
        {
            var question = questions[i];
            var label = $"Question {i + 1}";
            var value = Read(inputs, question.Id, out var wrongKind);
            if (wrongKind)
            {
                // An object, array or boolean is nothing a card input sends: refuse it rather than store a stand-in.
                errors[question.Id] = $"{label} has an answer of the wrong kind; please answer it again.";
                continue;
            }

            if (value is not null)
            {
                raw[question.Id] = value.Length > PulseQuestion.MaxTextLength * 2 ? value[..(PulseQuestion.MaxTextLength * 2)] : value;
            }

            var trimmed = value?.Trim() ?? "";
            if (trimmed.Length == 0)
            {
                if (question.Required)
                {
                    errors[question.Id] = $"{label} needs an answer.";
                }

                continue;
            }

            switch (question.Kind)
            {
                case QuestionKind.Rating or QuestionKind.Enps:
                    var (min, max) = question.Range;
                    if (!int.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
                    {
                        errors[question.Id] = $"{label} takes a whole number from {min} to {max}.";
                    }
                    else
                    {
                        answers[question.Id] = n.ToString(CultureInfo.InvariantCulture);
                    }

                    break;
                case QuestionKind.SingleChoice or QuestionKind.MultiChoice:
                    var parts = trimmed.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    var indexes = new List<int>();
                    foreach (var part in parts)
                    {
                        if (int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var index) && index >= 0 && index < question.ChoiceList.Count && !indexes.Contains(index))
                        {
                            indexes.Add(index);
                        }
                        else
                        {
                            indexes.Clear();
                            break;
                        }
                    }

                    if (indexes.Count == 0 || (question.Kind == QuestionKind.SingleChoice && indexes.Count != 1))
                    {
                        errors[question.Id] = $"{label}: pick {(question.Kind == QuestionKind.SingleChoice ? "one" : "one or more")} of the choices shown.";
                    }
                    else
                    {
                        answers[question.Id] = string.Join(';', indexes.Order());
                    }

                    break;
                default:
                    if (trimmed.Length > PulseQuestion.MaxTextLength)
                    {
                        errors[question.Id] = $"{label} is limited to {PulseQuestion.MaxTextLength} characters; yours has {trimmed.Length}.";
                    }
                    else
                    {
                        answers[question.Id] = trimmed;
                    }

                    break;
            }
        }

        return new Result(answers, raw, errors);
    }

    /// <summary>The value of an input as text (the data was cleaned at the door), null when absent or JSON null.</summary>
    private static string? Read(IReadOnlyDictionary<string, JsonElement> inputs, string name, out bool wrongKind)
    {
        wrongKind = false;
        if (!inputs.TryGetValue(name, out var p))
        {
            return null;
        }

        switch (p.ValueKind)
        {
            case JsonValueKind.String:
                return p.GetString();
            case JsonValueKind.Number:
                return p.GetRawText();
            case JsonValueKind.Null:
                return null;
            default:
                wrongKind = true;
                return null;
        }
    }
}

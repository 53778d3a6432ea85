using Cronos;

namespace DialogueBot.Pulse.Model;

/// <summary>A pulse as HR or an executive asks for it (API body, or built from the Teams form).</summary>
public sealed record PulseDraft
{
    public string? Title { get; init; }
    public List<QuestionDraft>? Questions { get; init; }
    public AudienceDraft? Audience { get; init; }
    /// <summary>When the first run opens; now when absent.</summary>
    public DateTimeOffset? OpensAt { get; init; }
    /// <summary>When the first run closes; every later run stays open as long.</summary>
    public DateTimeOffset? ClosesAt { get; init; }
    /// <summary>Optional cron (5 fields) in the organisation's time zone: each occurrence opens a new run.</summary>
    public string? Recurrence { get; init; }
}

public sealed record QuestionDraft(string? Kind, string? Text, bool? Required = null, List<string>? Choices = null)
{
    /// <summary>A ready-made question as a draft (the form's question sets, the demo pulse).</summary>
    public static QuestionDraft Of(PulseQuestion question) => new(question.Kind.ToString(), question.Text, question.Required, question.Choices?.ToList());
}

public sealed record AudienceDraft(List<string>? Units = null, List<int>? Levels = null, bool ManagersOnly = false);

/// <summary>A valid draft, normalised.</summary>
public sealed record ValidPulse(string Title, IReadOnlyList<PulseQuestion> Questions, PulseAudience Audience, DateTimeOffset OpensAt, DateTimeOffset ClosesAt, string? Recurrence);

/// <summary>Checks a draft and names the field of every problem (for ValidationProblem and the form card).</summary>
public static class PulseDraftValidator
{
    public const int MaxQuestions = 10;
    public const int MaxTitleLength = 120;

    public static (ValidPulse? Pulse, Dictionary<string, string[]> Errors) Validate(PulseDraft draft, DateTimeOffset now, IReadOnlyCollection<string> knownUnits)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }

            list.Add(message);
        }

        var title = draft.Title?.Trim() ?? "";
        if (title.Length == 0)
        {
            Add("title", "Give the pulse a title.");
        }
        else if (title.Length > MaxTitleLength)
        {
            Add("title", $"The title is limited to {MaxTitleLength} characters.");
        }

        var questions = new List<PulseQuestion>();
        if (draft.Questions is null || draft.Questions.Count == 0)
        {
            Add("questions", "A pulse needs at least one question.");
        }
        else if (draft.Questions.Count > MaxQuestions)
        {
            Add("questions", $"A pulse has at most {MaxQuestions} questions.");
        }
        else
        {
            for (var i = 0; i < draft.Questions.Count; i++)
            {
                var q = draft.Questions[i];
                var field = $"questions[{i}]";
                if (q is null)
                {
                    Add(field, "The question is empty.");
                    continue;
                }

                if (!Enum.TryParse<QuestionKind>(q.Kind, ignoreCase: true, out var kind) || int.TryParse(q.Kind, out _))
                {
                    Add(field + ".kind", "Use one of rating, enps, singleChoice, multiChoice, text.");
                    continue;
                }

                var text = q.Text?.Trim() ?? "";
                if (text.Length == 0 || text.Length > PulseQuestion.MaxQuestionLength)
                {
                    Add(field + ".text", $"Write the question (1 to {PulseQuestion.MaxQuestionLength} characters).");
                }

                var choices = (q.Choices ?? []).Select(c => c?.Trim() ?? "").ToList();
                if (kind is QuestionKind.SingleChoice or QuestionKind.MultiChoice)
                {
                    if (choices.Count < 2 || choices.Count > PulseQuestion.MaxChoices)
                    {
                        Add(field + ".choices", $"Give 2 to {PulseQuestion.MaxChoices} choices.");
                    }
                    else if (choices.Any(c => c.Length == 0 || c.Length > PulseQuestion.MaxChoiceLength))
                    {
                        Add(field + ".choices", $"Every choice needs 1 to {PulseQuestion.MaxChoiceLength} characters.");
                    }
                    else if (choices.Distinct(StringComparer.OrdinalIgnoreCase).Count() != choices.Count)
                    {
                        Add(field + ".choices", "Choices must differ.");
                    }
                }
                else if (choices.Count > 0)
                {
                    Add(field + ".choices", "Only choice questions take choices.");
                }

                questions.Add(new PulseQuestion($"q{i + 1}", kind, text, q.Required ?? kind != QuestionKind.Text, choices.Count == 0 ? null : choices));
            }
        }

        var units = (draft.Audience?.Units ?? []).Select(u => Org.OrgChartCsv.NormalizeUnit(u ?? "")).Where(u => u.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var unit in units.Where(u => !knownUnits.Contains(u, StringComparer.OrdinalIgnoreCase)))
        {
            Add("audience.units", $"'{(unit.Length > 60 ? unit[..60] : unit)}' is not an org unit of the current org chart.");
        }

        var levels = (draft.Audience?.Levels ?? []).Distinct().ToList();
        if (levels.Any(l => l is < 1 or > 50))
        {
            Add("audience.levels", "Levels are whole numbers from 1 (the top of the organisation) down.");
        }

        var opensAt = draft.OpensAt ?? now;
        if (opensAt < now - TimeSpan.FromMinutes(5))
        {
            Add("opensAt", "The opening time is in the past.");
        }

        if (draft.ClosesAt is not { } closesAt)
        {
            Add("closesAt", "Say when the pulse closes.");
            closesAt = default;
        }
        else if (closesAt <= opensAt + TimeSpan.FromMinutes(1))
        {
            Add("closesAt", "The pulse must close after it opens.");
        }
        else if (closesAt - opensAt > TimeSpan.FromDays(60))
        {
            Add("closesAt", "A pulse stays open at most 60 days.");
        }

        var recurrence = string.IsNullOrWhiteSpace(draft.Recurrence) ? null : draft.Recurrence.Trim();
        if (recurrence is not null)
        {
            try
            {
                CronExpression.Parse(recurrence);
            }
            catch (CronFormatException)
            {
                Add("recurrence", "Use a five-field cron expression, e.g. '0 9 1 * *' for 09:00 on the 1st of each month.");
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
        }

        return (new ValidPulse(title, questions, new PulseAudience(units, levels, draft.Audience?.ManagersOnly ?? false), opensAt, closesAt, recurrence), []);
    }
}

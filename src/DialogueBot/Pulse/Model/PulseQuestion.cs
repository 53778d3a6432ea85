namespace DialogueBot.Pulse.Model;

/// <summary>What kind of answer a question takes.</summary>
public enum QuestionKind
{
    /// <summary>1 (strongly disagree) to 5 (strongly agree).</summary>
    Rating,
    /// <summary>Employee Net Promoter Score: 0 to 10.</summary>
    Enps,
    SingleChoice,
    MultiChoice,
    /// <summary>Free text, up to <see cref="PulseQuestion.MaxTextLength"/> characters.</summary>
    Text,
}

/// <summary>One question of a pulse. <see cref="Id"/> is "q1".."q10", by position.</summary>
public sealed record PulseQuestion(string Id, QuestionKind Kind, string Text, bool Required = true, IReadOnlyList<string>? Choices = null)
{
    public const int MaxTextLength = 1000;
    public const int MaxQuestionLength = 300;
    public const int MaxChoices = 10;
    public const int MaxChoiceLength = 100;

    public IReadOnlyList<string> ChoiceList => Choices ?? [];

    public bool IsNumeric => Kind is QuestionKind.Rating or QuestionKind.Enps;

    public (int Min, int Max) Range => Kind == QuestionKind.Enps ? (0, 10) : (1, 5);
}

/// <summary>Who a pulse goes to: org units (with everything below them) and/or levels, and optionally only managers.</summary>
public sealed record PulseAudience(IReadOnlyList<string> Units, IReadOnlyList<int> Levels, bool ManagersOnly)
{
    public static PulseAudience Everyone { get; } = new([], [], false);

    public string Describe()
    {
        var who = ManagersOnly ? "Managers" : "Everyone";
        var units = Units.Count == 0 ? "" : " in " + string.Join(", ", Units);
        var levels = Levels.Count == 0 ? "" : " at level " + string.Join(", ", Levels);
        return who + units + levels;
    }
}

namespace DialogueBot.Consultation.Model;

/// <summary>Where a consultation is in its life. Input is taken only while <see cref="Open"/>.</summary>
public enum ConsultationStatus
{
    /// <summary>Managers read the brief, rate, raise concerns and vote.</summary>
    Open,
    /// <summary>The window ended: no more input; ratings in flight land during the close grace, then are counted.</summary>
    Closing,
    /// <summary>Ratings are counted (results shown under the disclosure rules); the executive prepares the outcome.</summary>
    Reviewing,
    /// <summary>The outcome is decided and sent to every consulted manager ahead of the announcement.</summary>
    Decided,
}

/// <summary>What the executive decided after listening.</summary>
public enum ConsultationOutcome
{
    GoAhead,
    Changed,
    Paused,
    Withdrawn,
}

/// <summary>What a manager raises: a concern, an idea, or a clarifying question.</summary>
public enum ConcernKind
{
    Concern,
    Idea,
    Question,
}

/// <summary>A raised item's state: open on the board, or merged into another (its votes moved there).</summary>
public enum ConcernState
{
    Open,
    Merged,
}

/// <summary>The words of the two scales, 1 to 5, as cards and the tab show them.</summary>
public static class RatingScales
{
    public const int Min = 1;
    public const int Max = 5;

    public static readonly IReadOnlyList<string> Support = ["Strongly against", "Against", "Unsure", "In favour", "Strongly in favour"];

    public static readonly IReadOnlyList<string> Impact = ["Very negative", "Negative", "Little or none", "Positive", "Very positive"];

    public static bool IsValid(int? value) => value is >= Min and <= Max;
}

public static class ConsultationTermNames
{
    public static string Describe(this ConsultationOutcome outcome) => outcome switch
    {
        ConsultationOutcome.GoAhead => "Going ahead as proposed",
        ConsultationOutcome.Changed => "Going ahead, changed by your input",
        ConsultationOutcome.Paused => "Paused",
        _ => "Withdrawn",
    };

    public static string Describe(this ConcernKind kind) => kind switch
    {
        ConcernKind.Idea => "Idea",
        ConcernKind.Question => "Question",
        _ => "Concern",
    };
}

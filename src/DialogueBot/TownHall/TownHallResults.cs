using DialogueBot.TownHall.Questions;
using DialogueBot.TownHall.TownHalls;

namespace DialogueBot.TownHall;

/// <summary>Why something could not be done, in words for the person who tried.</summary>
public enum TownHallProblem
{
    None,
    NotFound,
    NotAllowed,
    Closed,
    Invalid,
    Duplicate,
    NotOpen,
}

/// <summary>The outcome of an action on a question: the question as stored now, or a problem with a clear message.</summary>
public sealed record QuestionResult(TownHallProblem Problem, string Message, TownHallEntity? TownHall = null, QuestionEntity? Question = null, QuestionEntity? Duplicate = null)
{
    public bool Ok => Problem == TownHallProblem.None;

    /// <summary>The asker's token (only to the asker, in their own card or once in the API answer): proves authorship later.</summary>
    public string? AskerToken { get; init; }

    /// <summary>Whether the caller gets a card when the question is answered.</summary>
    public bool Following { get; init; }

    public static QuestionResult Done(TownHallEntity townHall, QuestionEntity question, string message = "") => new(TownHallProblem.None, message, townHall, question);

    public static QuestionResult Fail(TownHallProblem problem, string message, TownHallEntity? townHall = null) => new(problem, message, townHall);
}

/// <summary>The outcome of an action on a town hall as a whole: the town hall, or a problem with a clear message.</summary>
public sealed record TownHallResult(TownHallProblem Problem, string Message, TownHallEntity? TownHall = null)
{
    public bool Ok => Problem == TownHallProblem.None;

    /// <summary>Whether its audience is large enough for anonymous questions (set where the answer needs it).</summary>
    public bool OffersAnonymity { get; init; }

    public static TownHallResult Done(TownHallEntity townHall) => new(TownHallProblem.None, "", townHall);

    public static TownHallResult Fail(TownHallProblem problem, string message, TownHallEntity? townHall = null) => new(problem, message, townHall);
}

/// <summary>A town hall created, or why not: every field at fault with its message (for a validation problem), or a refusal.</summary>
public sealed record TownHallCreation(TownHallEntity? TownHall, IReadOnlyDictionary<string, string[]> Errors, string? RefusedBecause = null)
{
    public bool Ok => TownHall is not null;

    public static TownHallCreation Created(TownHallEntity townHall) => new(townHall, new Dictionary<string, string[]>());

    public static TownHallCreation Invalid(Dictionary<string, string[]> errors) => new(null, errors);

    public static TownHallCreation Refused(string reason) => new(null, new Dictionary<string, string[]>(), reason);
}

/// <summary>A vote's outcome: whether the caller's vote stands and the exact count now.</summary>
public sealed record VoteResult(TownHallProblem Problem, string Message, bool Voted, int Votes, QuestionEntity? Question = null)
{
    public bool Ok => Problem == TownHallProblem.None;
}

/// <summary>How a host moderates a question.</summary>
public enum ModerationAction
{
    Approve,
    Dismiss,
    Pin,
    Unpin,
    Answer,
    Merge,
}

/// <summary>What the board shows.</summary>
public enum BoardFilter
{
    Open,
    Answered,
    Dismissed,
    Mine,
    Pending,
}

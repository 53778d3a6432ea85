using DialogueBot.Consultation.Concerns;
using DialogueBot.Consultation.Consultations;
using DialogueBot.Consultation.Model;

namespace DialogueBot.Consultation;

/// <summary>Why something could not be done; the adapters map each to a card or an HTTP status.</summary>
public enum ConsultationProblem
{
    None,
    NotFound,
    NotAllowed,
    /// <summary>Input is no longer (or not yet) taken, or the step does not fit the consultation's stage.</summary>
    Closed,
    Invalid,
    /// <summary>A similar item is already on the board: upvote it, or raise yours anyway.</summary>
    Duplicate,
    /// <summary>Already done once (a second rating): nothing changed.</summary>
    AlreadyDone,
}

/// <summary>What a step did: the consultation as it now is, the item it concerned, and a sentence for the person.</summary>
public sealed record ConsultationResult(ConsultationProblem Problem, string Message, ConsultationRecord? Consultation = null, ConcernEntity? Concern = null)
{
    public bool Ok => Problem == ConsultationProblem.None;

    /// <summary>The similar item, when <see cref="Problem"/> is <see cref="ConsultationProblem.Duplicate"/>.</summary>
    public ConcernEntity? Duplicate { get; init; }

    /// <summary>Field → problems, for a refused draft or decision.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; init; } = new Dictionary<string, string[]>();

    public static ConsultationResult Done(ConsultationRecord consultation, string message, ConcernEntity? concern = null) => new(ConsultationProblem.None, message, consultation, concern);

    public static ConsultationResult Fail(ConsultationProblem problem, string message, ConsultationRecord? consultation = null) => new(problem, message, consultation);

    public static ConsultationResult Refused(Dictionary<string, string[]> errors, ConsultationRecord? consultation = null) =>
        new(ConsultationProblem.Invalid, string.Join(" ", errors.Values.SelectMany(v => v)), consultation) { Errors = errors };
}

/// <summary>One item on the concern board as a reader may see it: an anonymous item never carries an author.</summary>
public sealed record ConcernView(string Id, int Number, ConcernKind Kind, string Text, string? Author, int Votes, bool Voted, string Answer, string? MergedInto);

/// <summary>Two open items the detector thinks say the same thing (for the executive to merge).</summary>
public sealed record MergeSuggestion(string SourceId, string TargetId, double Similarity);

/// <summary>The board: open items ranked by votes (then by number), merged ones apart, and merge suggestions for managers of the consultation.</summary>
public sealed record ConcernBoard(ConsultationRecord Consultation, IReadOnlyList<ConcernView> Items, IReadOnlyList<ConcernView> Merged, IReadOnlyList<MergeSuggestion> Suggestions, bool CanManage, bool CanGiveInput);

/// <summary>One step of the consultation's timeline (the page shows them in order; future steps are planned).</summary>
public sealed record TimelineStep(string Label, DateTimeOffset? At, bool Done, string Detail = "");

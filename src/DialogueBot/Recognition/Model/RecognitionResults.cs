using DialogueBot.Recognition.Nominations;

namespace DialogueBot.Recognition.Model;

/// <summary>What a nomination or review came to: the nomination as stored now, or a problem with a clear message.</summary>
public sealed record NominationResult(RecognitionProblem Problem, string Message, NominationEntity? Nomination = null)
{
    public bool Ok => Problem == RecognitionProblem.None;

    /// <summary>Per field, what to fix (for <see cref="RecognitionProblem.Invalid"/>), by the form's input ids.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; init; } = new Dictionary<string, string[]>();

    /// <summary>The same submit arrived again (a retry): nothing new was stored or sent.</summary>
    public bool Repeated { get; init; }

    public static NominationResult Done(NominationEntity nomination, string message = "") => new(RecognitionProblem.None, message, nomination);

    public static NominationResult Fail(RecognitionProblem problem, string message, NominationEntity? nomination = null) => new(problem, message, nomination);
}

/// <summary>What the nomination form asks for, as typed (kept when the form comes back with errors).</summary>
public sealed record NominationInput(string? NomineeId, string? CategoryId, string? Story, string? SubmitId);

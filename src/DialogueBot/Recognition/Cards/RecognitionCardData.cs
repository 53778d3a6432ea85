using DialogueBot.Recognition.Model;

namespace DialogueBot.Recognition.Cards;

// One record per verb: the card builder writes it as the action's data, the route reads it back with
// DataAs<T>(). Form inputs (nomineeId, category, story, reason) arrive merged into the same object.

/// <summary><see cref="RecognitionVerbs.Nominate"/>: the form's random submit id, and its inputs.</summary>
public sealed record NominateData(string SubmitId, string? NomineeId = null, string? Category = null, string? Story = null);

/// <summary><see cref="RecognitionVerbs.Review"/>: which nomination, what to do, and the decline form's reason.</summary>
public sealed record ReviewData(string NominationId, ReviewAction Action, string? Reason = null);

/// <summary><see cref="RecognitionVerbs.DeclineForm"/>: the nomination to ask a decline reason for.</summary>
public sealed record DeclineFormData(string NominationId);

/// <summary><see cref="RecognitionVerbs.Queue"/>: the page of the review queue.</summary>
public sealed record QueueData(int Page = 0);

public static class RecognitionVerbs
{
    public const string Form = "recognition.form";
    public const string Nominate = "recognition.nominate";
    public const string Queue = "recognition.queue";
    public const string Review = "recognition.review";
    public const string DeclineForm = "recognition.declineForm";
}

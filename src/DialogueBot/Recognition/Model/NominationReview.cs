namespace DialogueBot.Recognition.Model;

/// <summary>
/// The review rules as one function of a state: which action is allowed from where. Featured and declined
/// are final (a featured win may already be on a board or in a digest; a declined one freed its slot).
/// </summary>
public static class NominationReview
{
    public const int MaxReasonLength = 300;

    /// <summary>What is wrong with a decline's reason (bad input, whatever the state), or null.</summary>
    public static string? ReasonProblem(ReviewAction action, string? reason) => action != ReviewAction.Decline ? null
        : string.IsNullOrWhiteSpace(reason) ? "Give a reason for declining: the reason is kept with the nomination."
        : reason.Trim().Length > MaxReasonLength ? $"Keep the reason under {MaxReasonLength} characters."
        : null;

    /// <summary>The state after <paramref name="action"/>, or the reason it is refused.</summary>
    public static (NominationState? Next, string? Refusal) Apply(NominationState current, ReviewAction action, string? reason) => (current, action) switch
    {
        (NominationState.Featured, _) => (null, "This win is featured already; featured wins stay as they are."),
        (NominationState.Declined, _) => (null, "This nomination was declined already."),
        (NominationState.Approved, ReviewAction.Approve) => (null, "This nomination is approved already."),
        (_, ReviewAction.Decline) when ReasonProblem(action, reason) is { } problem => (null, problem),
        (_, ReviewAction.Approve) => (NominationState.Approved, null),
        (_, ReviewAction.Feature) => (NominationState.Featured, null),
        (_, ReviewAction.Decline) => (NominationState.Declined, null),
        _ => (null, "That action is not known."),
    };

    /// <summary>Counts as recognition (for "never recognised"): anything a reviewer has not declined.</summary>
    public static bool Recognises(NominationState state) => state != NominationState.Declined;
}

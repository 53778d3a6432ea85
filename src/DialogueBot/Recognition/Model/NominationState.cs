namespace DialogueBot.Recognition.Model;

/// <summary>Where a nomination stands in HR's review.</summary>
public enum NominationState
{
    /// <summary>Sent; the nominee and their manager have heard; waiting for review.</summary>
    Pending,
    /// <summary>Reviewed and kept; counts as recognition, not featured.</summary>
    Approved,
    /// <summary>Chosen for the town-hall board and the monthly digest.</summary>
    Featured,
    /// <summary>Not kept, with a reason. Frees the nominator to nominate the same person again that month.</summary>
    Declined,
}

/// <summary>What a reviewer does to a nomination.</summary>
public enum ReviewAction
{
    Approve,
    Feature,
    Decline,
}

/// <summary>Why something could not be done; each has a clear card and an HTTP status.</summary>
public enum RecognitionProblem
{
    None,
    /// <summary>The caller is not in the org chart (or on leave): a nomination must be named.</summary>
    NotInOrgChart,
    /// <summary>Fields of the form are missing or wrong (see the errors).</summary>
    Invalid,
    SelfNomination,
    /// <summary>The nominator already has an open nomination for this person this month.</summary>
    AlreadyNominated,
    NotFound,
    NotAllowed,
    /// <summary>The review action does not apply to the nomination's state.</summary>
    WrongState,
}

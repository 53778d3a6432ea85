namespace DialogueBot.TownHall.Questions;

/// <summary>
/// A question's life as methods that refuse (return false, the question left as it is) what its state does
/// not allow. Pure functions of the row, so they can run again inside an ETag read-change-write; who may call
/// them, and whether the text is acceptable, is the service's check.
/// </summary>
public sealed partial class QuestionEntity
{
    /// <summary>A host lets a pending question onto the board.</summary>
    public bool Approve()
    {
        if (State != QuestionState.Pending)
        {
            return false;
        }

        State = QuestionState.Open;
        return true;
    }

    /// <summary>A host dismisses an open or pending question, with the reason the audience sees.</summary>
    public bool Dismiss(string reason)
    {
        if (!State.IsLive() || reason.Length == 0)
        {
            return false;
        }

        State = QuestionState.Dismissed;
        DismissReason = reason;
        Pinned = false;
        return true;
    }

    /// <summary>Pins or unpins an open or answered question (the board shows pinned ones first).</summary>
    public bool SetPinned(bool pinned)
    {
        if (State is not (QuestionState.Open or QuestionState.Answered))
        {
            return false;
        }

        Pinned = pinned;
        return true;
    }

    /// <summary>Answers (or answers again) a question that was not dismissed, withdrawn or merged.</summary>
    public bool AnswerWith(string answer, string link)
    {
        if (!State.IsLive() && State != QuestionState.Answered)
        {
            return false;
        }

        State = QuestionState.Answered;
        Answer = answer;
        AnswerLink = link;
        return true;
    }

    /// <summary>The asker changes the text while the question is open or pending.</summary>
    public bool Edit(string text)
    {
        if (!State.IsLive())
        {
            return false;
        }

        Text = text;
        return true;
    }

    /// <summary>The asker withdraws an open or pending question: its text is erased, not just hidden.</summary>
    public bool Withdraw()
    {
        if (!State.IsLive())
        {
            return false;
        }

        State = QuestionState.Withdrawn;
        Text = "";
        Pinned = false;
        return true;
    }

    /// <summary>Whether this question can be merged into <paramref name="target"/> (again, after a half-done merge).</summary>
    public bool CanMergeInto(QuestionEntity target) =>
        target.Id != Id && target.State is (QuestionState.Open or QuestionState.Answered) && (State.IsLive() || State == QuestionState.Merged);

    /// <summary>Marks this question merged into <paramref name="targetId"/> (its votes and followers moved by the service).</summary>
    public bool MarkMergedInto(string targetId)
    {
        if (!State.IsLive() && State != QuestionState.Merged)
        {
            return false;
        }

        State = QuestionState.Merged;
        MergedInto = targetId;
        Pinned = false;
        return true;
    }
}

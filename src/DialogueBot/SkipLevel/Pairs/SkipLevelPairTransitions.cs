namespace DialogueBot.SkipLevel.Pairs;

/// <summary>Whether a side says the skip-level happened (stored as "yes"/"no").</summary>
public enum PairHappened
{
    Yes,
    No,
}

/// <summary>
/// The pair's state machine: every change a side can make, each refusing (returning false, the pair left as
/// it is) what its state does not allow. Pure functions of the row, so they can run again inside an ETag
/// read-change-write when another writer won the race.
/// </summary>
public sealed partial class SkipLevelPairEntity
{
    public const int MaxAgendaItems = 10;

    /// <summary>The side agrees to the current week; both having agreed, the pair is confirmed by both.</summary>
    public bool Confirm(string side)
    {
        if (!IsOpen || ConfirmedBy.Contains(side, StringComparison.Ordinal))
        {
            return false;
        }

        ConfirmedBy = ConfirmedBy.Length == 0 ? side : PairSide.Leader + ";" + PairSide.Manager;
        State = PairState.Confirmed;
        return true;
    }

    /// <summary>
    /// The side moves the pair to another week. Whoever proposes a week agrees to it; the other side confirms
    /// or proposes again. Which weeks are on offer (the cycle's, under the leader's cap) is the service's check.
    /// </summary>
    public bool ProposeWeek(string side, DateOnly week)
    {
        var text = Programmes.SkipLevelProgrammeEntity.FormatDate(week);
        if (!IsOpen || Week == text)
        {
            return false;
        }

        Week = text;
        State = PairState.Rescheduled;
        ConfirmedBy = side;
        return true;
    }

    /// <summary>The side declines, with a reason only the two of them see; a closed pair stays as it is.</summary>
    public bool Decline(string side, string reason)
    {
        if (!IsOpen || reason.Length == 0)
        {
            return false;
        }

        State = PairState.Declined;
        DeclinedBy = side;
        DeclineReason = reason;
        return true;
    }

    /// <summary>Adds one of the leader's agenda items: at most <see cref="MaxAgendaItems"/>, each once.</summary>
    public bool AddAgendaItem(string item)
    {
        var items = Agenda.ToList();
        if (item.Length == 0 || items.Count >= MaxAgendaItems || items.Contains(item, StringComparer.Ordinal))
        {
            return false;
        }

        items.Add(item);
        SetAgenda(items);
        return true;
    }

    /// <summary>
    /// Records one side's follow-up (a declined pair takes none). Either side saying it happened is enough;
    /// it was missed only if nobody says it happened.
    /// </summary>
    public bool RecordFollowUp(string side, PairHappened happened, string note)
    {
        if (State == PairState.Declined)
        {
            return false;
        }

        var answer = happened == PairHappened.Yes ? "yes" : "no";
        if (side == PairSide.Leader)
        {
            (LeaderHappened, LeaderFollowUp) = (answer, note);
        }
        else
        {
            (ManagerHappened, ManagerFollowUp) = (answer, note);
        }

        State = LeaderHappened == "yes" || ManagerHappened == "yes" ? PairState.Done : PairState.Missed;
        return true;
    }
}

using DialogueBot.SkipLevel.Pairs;

namespace DialogueBot.Tests.SkipLevel;

/// <summary>The pair's state machine: confirm, move, decline, agenda and follow-up, and what a closed pair refuses. No host, no storage.</summary>
public class PairTransitionTests
{
    private static readonly DateOnly Week = new(2026, 12, 14);

    private static SkipLevelPairEntity Pair(PairState state = PairState.Proposed) => new()
    {
        PartitionKey = SkipLevelPairEntity.PartitionFor("sl1", 1),
        RowKey = SkipLevelPairEntity.PairIdFor("p02", "p12"),
        ProgrammeId = "sl1",
        Cycle = 1,
        LeaderId = "p02",
        ManagerId = "p12",
        Week = "2026-12-07",
        State = state,
    };

    public static TheoryData<PairState> AllStates() => [.. Enum.GetValues<PairState>()];

    public static TheoryData<PairState> ClosedStates() => [PairState.Declined, PairState.Done, PairState.Missed];

    [Fact]
    public void Both_sides_confirm_once_each()
    {
        var pair = Pair();

        Assert.True(pair.Confirm(PairSide.Manager));
        Assert.Equal((PairState.Confirmed, "manager"), (pair.State, pair.ConfirmedBy));
        Assert.False(pair.Confirm(PairSide.Manager));
        Assert.True(pair.Confirm(PairSide.Leader));
        Assert.Equal("leader;manager", pair.ConfirmedBy);
    }

    [Fact]
    public void Proposing_a_week_moves_the_pair_and_counts_as_the_proposers_confirmation()
    {
        var pair = Pair();
        pair.Confirm(PairSide.Leader);

        Assert.True(pair.ProposeWeek(PairSide.Manager, Week));
        Assert.Equal((PairState.Rescheduled, "2026-12-14", "manager"), (pair.State, pair.Week, pair.ConfirmedBy));
        Assert.False(pair.ProposeWeek(PairSide.Leader, Week)); // already that week
    }

    [Fact]
    public void Declining_needs_a_reason_and_closes_the_pair()
    {
        var pair = Pair();

        Assert.False(pair.Decline(PairSide.Leader, ""));
        Assert.True(pair.Decline(PairSide.Leader, "Travelling all month"));
        Assert.Equal((PairState.Declined, "leader", "Travelling all month"), (pair.State, pair.DeclinedBy, pair.DeclineReason));
        Assert.False(pair.IsOpen);
    }

    [Theory]
    [MemberData(nameof(ClosedStates))]
    public void A_closed_pair_cannot_be_confirmed_moved_or_declined(PairState state)
    {
        var pair = Pair(state);

        Assert.False(pair.Confirm(PairSide.Manager));
        Assert.False(pair.ProposeWeek(PairSide.Manager, Week));
        Assert.False(pair.Decline(PairSide.Manager, "No longer"));
        Assert.Equal((state, "2026-12-07", ""), (pair.State, pair.Week, pair.ConfirmedBy));
    }

    [Fact]
    public void The_agenda_takes_each_item_once_up_to_the_limit()
    {
        var pair = Pair();

        Assert.True(pair.AddAgendaItem("Release train pain"));
        Assert.False(pair.AddAgendaItem("Release train pain"));
        Assert.False(pair.AddAgendaItem(""));
        for (var i = 1; i < SkipLevelPairEntity.MaxAgendaItems; i++)
        {
            Assert.True(pair.AddAgendaItem($"Item {i}"));
        }

        Assert.False(pair.AddAgendaItem("One too many"));
        Assert.Equal(SkipLevelPairEntity.MaxAgendaItems, pair.Agenda.Count);
    }

    [Fact]
    public void Either_side_saying_it_happened_makes_it_done_and_only_both_saying_no_makes_it_missed()
    {
        var pair = Pair(PairState.Confirmed);

        Assert.True(pair.RecordFollowUp(PairSide.Manager, PairHappened.No, ""));
        Assert.Equal(PairState.Missed, pair.State);
        Assert.True(pair.RecordFollowUp(PairSide.Leader, PairHappened.Yes, "Fix the deploy queue"));
        Assert.Equal((PairState.Done, "yes", "Fix the deploy queue", "no"), (pair.State, pair.LeaderHappened, pair.LeaderFollowUp, pair.ManagerHappened));
    }

    [Fact]
    public void A_declined_pair_takes_no_follow_up()
    {
        var pair = Pair(PairState.Declined);

        Assert.False(pair.RecordFollowUp(PairSide.Manager, PairHappened.Yes, "It happened anyway"));
        Assert.Equal((PairState.Declined, null), (pair.State, pair.ManagerHappened));
    }

    [Theory]
    [MemberData(nameof(AllStates))]
    public void States_are_stored_as_the_words_they_always_were_and_read_back(PairState state)
    {
        var stored = Pair(state).StoredState;

        Assert.Equal(state.ToString().ToLowerInvariant(), stored);
        Assert.Equal(state, new SkipLevelPairEntity { StoredState = stored }.State);
    }
}

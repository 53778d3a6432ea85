using DialogueBot.TownHall.Questions;

namespace DialogueBot.Tests.TownHall;

/// <summary>Moderation and the asker's changes as the question's own transitions: what each state allows, and what it refuses. No host, no storage.</summary>
public class QuestionTransitionTests
{
    private static QuestionEntity Question(QuestionState state, string id = "000001", bool pinned = false) => new()
    {
        PartitionKey = "th1",
        RowKey = id,
        Text = "Will the hiring freeze affect backfills?",
        State = state,
        Pinned = pinned,
    };

    public static TheoryData<QuestionState> AllStates() => [.. Enum.GetValues<QuestionState>()];

    [Theory]
    [MemberData(nameof(AllStates))]
    public void Only_a_pending_question_can_be_approved(QuestionState state)
    {
        var question = Question(state);

        Assert.Equal(state == QuestionState.Pending, question.Approve());
        Assert.Equal(state == QuestionState.Pending ? QuestionState.Open : state, question.State);
    }

    [Theory]
    [MemberData(nameof(AllStates))]
    public void Open_and_pending_questions_can_be_dismissed_and_lose_their_pin(QuestionState state)
    {
        var question = Question(state, pinned: true);
        var allowed = state is QuestionState.Open or QuestionState.Pending;

        Assert.Equal(allowed, question.Dismiss("Out of scope"));
        Assert.Equal(allowed ? QuestionState.Dismissed : state, question.State);
        Assert.Equal(allowed ? "Out of scope" : "", question.DismissReason);
        Assert.Equal(!allowed, question.Pinned);
    }

    [Fact]
    public void A_dismissal_without_a_reason_is_refused()
    {
        var question = Question(QuestionState.Open);

        Assert.False(question.Dismiss(""));
        Assert.Equal(QuestionState.Open, question.State);
    }

    [Theory]
    [MemberData(nameof(AllStates))]
    public void Open_and_answered_questions_can_be_pinned(QuestionState state)
    {
        var question = Question(state);
        var allowed = state is QuestionState.Open or QuestionState.Answered;

        Assert.Equal(allowed, question.SetPinned(true));
        Assert.Equal(allowed, question.Pinned);
    }

    [Theory]
    [MemberData(nameof(AllStates))]
    public void Answering_works_until_a_question_is_dismissed_withdrawn_or_merged(QuestionState state)
    {
        var question = Question(state);
        var allowed = state is QuestionState.Open or QuestionState.Pending or QuestionState.Answered;

        Assert.Equal(allowed, question.AnswerWith("Backfills continue.", "https://intranet.contoso.example/a"));
        Assert.Equal(allowed ? QuestionState.Answered : state, question.State);
        Assert.Equal(allowed ? "Backfills continue." : "", question.Answer);
    }

    [Theory]
    [MemberData(nameof(AllStates))]
    public void The_asker_edits_and_withdraws_only_while_the_question_is_open_or_pending(QuestionState state)
    {
        var live = state is QuestionState.Open or QuestionState.Pending;
        var edited = Question(state);
        Assert.Equal(live, edited.Edit("What happens to backfills during the freeze?"));
        Assert.Equal(live ? "What happens to backfills during the freeze?" : "Will the hiring freeze affect backfills?", edited.Text);

        var withdrawn = Question(state, pinned: true);
        Assert.Equal(live, withdrawn.Withdraw());
        Assert.Equal(live ? QuestionState.Withdrawn : state, withdrawn.State);
        Assert.Equal(live ? "" : "Will the hiring freeze affect backfills?", withdrawn.Text); // erased, not hidden
        Assert.Equal(!live, withdrawn.Pinned);
    }

    [Fact]
    public void A_question_merges_into_another_open_or_answered_one_and_a_half_done_merge_can_finish()
    {
        var target = Question(QuestionState.Open, "000002");

        Assert.True(Question(QuestionState.Open).CanMergeInto(target));
        Assert.True(Question(QuestionState.Pending).CanMergeInto(Question(QuestionState.Answered, "000002")));
        Assert.True(Question(QuestionState.Merged).CanMergeInto(target));
        Assert.False(Question(QuestionState.Answered).CanMergeInto(target));
        Assert.False(Question(QuestionState.Open).CanMergeInto(Question(QuestionState.Dismissed, "000002")));
        Assert.False(Question(QuestionState.Open, "000002").CanMergeInto(target)); // not into itself

        var source = Question(QuestionState.Open, pinned: true);
        Assert.True(source.MarkMergedInto("000002"));
        Assert.Equal((QuestionState.Merged, "000002", false), (source.State, source.MergedInto, source.Pinned));
    }

    [Theory]
    [InlineData(QuestionState.Pending, "pending")]
    [InlineData(QuestionState.Open, "open")]
    [InlineData(QuestionState.Answered, "answered")]
    [InlineData(QuestionState.Dismissed, "dismissed")]
    [InlineData(QuestionState.Withdrawn, "withdrawn")]
    [InlineData(QuestionState.Merged, "merged")]
    public void States_are_stored_as_the_words_they_always_were(QuestionState state, string stored)
    {
        Assert.Equal(stored, Question(state).StoredState);
        Assert.Equal(state, new QuestionEntity { StoredState = stored }.State);
    }
}

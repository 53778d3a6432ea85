using DialogueBot.CloseTheLoop.Cards;
using DialogueBot.CloseTheLoop.Commitments;
using DialogueBot.CloseTheLoop.Figures;
using DialogueBot.CloseTheLoop.Subjects;
using DialogueBot.CloseTheLoop.Threads;
using DialogueBot.Org;
using DialogueBot.Testing;

namespace DialogueBot.Tests.CloseTheLoop;

/// <summary>Every Loop card, validated against Adaptive Cards 1.5 and saved for the renderer test (and the README screenshots).</summary>
public class LoopCardCatalogTests
{
    private static readonly DateTimeOffset Closed = new(2026, 11, 27, 17, 0, 0, TimeSpan.Zero);

    private static OrgSnapshot Org() => new("v1", DemoUsers.All);

    private static SummaryEntity Summary() => new()
    {
        PartitionKey = "pu0123456789ab-001",
        Title = "Q3 strategy check-in",
        Heard = "You asked for fewer priorities and more time with leaders.",
        PublishedBy = "p01",
        PublishedAt = Closed.AddDays(2),
        ClosedAt = Closed,
    };

    private static readonly CommitmentAction[] Actions =
    [
        new("a01", "Publish the top five priorities", "p02", Closed.AddDays(9), ActionStatus.InProgress, null, 1, null),
        new("a02", "A monthly open Q&A", "p03", Closed.AddDays(20), ActionStatus.Open, null, 0, null),
        new("a03", "A second offsite", "p04", Closed.AddDays(30), ActionStatus.Dropped, "The budget went to hiring.", 1, null),
    ];

    [Fact]
    public void The_thread_cards()
    {
        var reply = new ThreadMessage("m1", MessageFrom.Leader, "p01", "Thank you for this. What would help most?", null, Closed.AddDays(1));
        var answer = new ThreadMessage("a1", MessageFrom.Author, null, "Clearer priorities, and fewer of them.", null, Closed.AddDays(2));
        CardCatalog.Save("loop-thread-to-author", ThreadCards.ToAuthor("Megan Bowen", "Q3 strategy check-in", "Anything else?", reply, "pu0123456789ab-001", "thread"));
        CardCatalog.Save("loop-thread-to-leader", ThreadCards.ToLeader("Q3 strategy check-in", "We have too many priorities.", answer, null, "pu0123456789ab-001", "thread"));
        CardCatalog.Save("loop-thread-to-leader-named", ThreadCards.ToLeader("Q3 strategy check-in", "We have too many priorities.", answer with { RevealedId = "p06" }, "Lee Gu", "pu0123456789ab-001", "thread"));
        foreach (var outcome in Enum.GetValues<ThreadOutcome>())
        {
            CardCatalog.Save("loop-thread-" + outcome.ToString().ToLowerInvariant(), ThreadCards.Outcome(new ThreadResult(outcome, Message: reply), leader: outcome != ThreadOutcome.Sent));
        }
    }

    [Fact]
    public void The_commitment_cards()
    {
        CardCatalog.Save("loop-summary", CommitmentCards.Summary(Summary(), [("Responses", "18 (72%)"), ("I understand our strategy.", "3.8 / 5"), ("How likely are you to recommend working here?", "eNPS +12")], Actions, Org()));
        CardCatalog.Save("loop-summary-no-actions", CommitmentCards.Summary(Summary(), [], [], Org()));
        CardCatalog.Save("loop-action-changed", CommitmentCards.Changed(Summary(), Actions[0], Org()));
        CardCatalog.Save("loop-action-dropped", CommitmentCards.Changed(Summary(), Actions[2], Org()));
        CardCatalog.Save("loop-action-overdue", CommitmentCards.Overdue(Summary(), Actions[1]));
        CardCatalog.Save("loop-action-refused", CommitmentCards.Outcome(new CommitmentResult(CommitmentOutcome.Invalid) { Errors = new Dictionary<string, string[]> { ["status"] = ["This action is done; it cannot change any more."] } }));
        CardCatalog.Save("loop-action-changed-receipt", CommitmentCards.Outcome(new CommitmentResult(CommitmentOutcome.Changed, Summary(), Actions[0])));
    }

    [Fact]
    public void The_figures_card_and_the_reply_button_under_a_comment()
    {
        var pulse = new LoopSubject(SubjectKind.Pulse, "pu0123456789ab-001", "Q3 strategy check-in", Closed, true, [], _ => true);
        var hall = new LoopSubject(SubjectKind.TownHall, "th0123456789", "November all-hands", Closed.AddDays(3), true, [], _ => true);
        var figures = FollowThrough.Compute(
        [
            new SubjectHistory(pulse, Summary(), Actions, new QuestionCounts(4, 3, [2, 5, 30])),
            new SubjectHistory(hall, null, [], new QuestionCounts(12, 9, [])),
        ], Closed.AddDays(25));
        CardCatalog.Save("loop-figures", FiguresCard.Build(figures));
        CardCatalog.Save("loop-figures-empty", FiguresCard.Build(new FollowThroughFigures([], [])));
        CardCatalog.Save("loop-reply-button", new BotFramework.Cards.AdaptiveCard { FallbackText = "Reply to this comment", Body = [ThreadCards.ReplyButton("pu0123456789ab-001", "thread")] });
    }
}

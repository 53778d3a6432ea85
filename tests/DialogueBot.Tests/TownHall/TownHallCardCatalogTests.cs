using DialogueBot.Testing;
using DialogueBot.TownHall;
using DialogueBot.TownHall.Questions;
using DialogueBot.TownHall.TownHalls;

namespace DialogueBot.Tests.TownHall;

/// <summary>Every town-hall card, validated against the schema and saved for the renderer test.</summary>
public class TownHallCardCatalogTests
{
    private static readonly DateTimeOffset Event = new(2026, 12, 3, 15, 0, 0, TimeSpan.Zero);

    private static readonly TownHallEntity Hall = new()
    {
        RowKey = "thcatalog01",
        Title = "Q3 company town hall",
        HostIds = "p01;p02",
        OpensAt = Event.AddDays(-7),
        ClosesAt = Event.AddHours(-1),
        EventAt = Event,
        PreModeration = true,
    };

    private static QuestionEntity Question(int number, string text, int votes, QuestionState state = QuestionState.Open, string answer = "", string link = "") => new()
    {
        PartitionKey = Hall.Id,
        RowKey = QuestionEntity.IdOf(number),
        Text = text,
        Votes = votes,
        State = state,
        Answer = answer,
        AnswerLink = link,
    };

    private static BoardView Board(BoardFilter filter, bool moderator) => new(Hall, filter,
    [
        new BoardQuestion("000003", 3, "What is the plan for the Service team's on-call load after the reorg?", QuestionState.Open, 12, true, null, null, null, null, false, true),
        new BoardQuestion("000001", 1, "Will the hiring freeze affect backfills for people who leave?", QuestionState.Open, 9, false, null, null, null, null, true, false),
        new BoardQuestion("000002", 2, "How will the new pricing model change our targets? [x](http://evil) **bold**", QuestionState.Open, 4, false, "Henrietta Mueller", null, null, null, false, false),
        new BoardQuestion("000004", 4, "Can we get clarity on the remote-work policy before the summer?", QuestionState.Pending, 0, false, null, null, null, null, false, false),
        new BoardQuestion("000005", 5, "Is there budget for conference travel?", QuestionState.Open, 1, false, null, null, null, null, false, false),
        new BoardQuestion("000006", 6, "When do we hear about bonuses?", QuestionState.Open, 0, false, null, null, null, null, false, false),
    ], moderator, CanAsk: true);

    [Fact]
    public void Board_cards_for_managers_and_hosts_with_paging()
    {
        CardCatalog.Save("townhall-board-manager", BoardCard.Build(Board(BoardFilter.Open, moderator: false), 0, 5));
        CardCatalog.Save("townhall-board-host", BoardCard.Build(Board(BoardFilter.Open, moderator: true), 0, 5, "Pinned to the top of the board."));
        CardCatalog.Save("townhall-board-page-2", BoardCard.Build(Board(BoardFilter.Open, moderator: false), 1, 5));
        CardCatalog.Save("townhall-board-stale-press", BoardCard.Build(Board(BoardFilter.Open, moderator: false), 0, 5, "Votes are closed for this question: it was answered, dismissed or withdrawn.", noticeIsWarning: true));
        CardCatalog.Save("townhall-board-empty", BoardCard.Build(new BoardView(Hall, BoardFilter.Answered, [], false, false), 0, 5));
        CardCatalog.Save("townhall-board-answered", BoardCard.Build(new BoardView(Hall, BoardFilter.Answered,
            [new BoardQuestion("000007", 7, "Will we keep the hybrid model?", QuestionState.Answered, 20, false, null, "Yes: two office days a week, decided by each team.", "https://intranet.contoso.example/hybrid", null, false, true)], false, false), 0, 5));
    }

    [Fact]
    public void Asking_cards()
    {
        CardCatalog.Save("townhall-announcement", TownHallCards.Announcement(Hall, ["Megan Bowen", "Nestor Wilke"]));
        CardCatalog.Save("townhall-ask-form", TownHallCards.AskForm(Hall, 500));
        CardCatalog.Save("townhall-ask-choose-hall", TownHallCards.ChooseTownHall([Hall, new TownHallEntity { RowKey = "thcatalog02", Title = "Service all-hands", OpensAt = Event.AddDays(-2), ClosesAt = Event.AddDays(1), EventAt = Event.AddDays(2) }], "Will the hiring freeze affect backfills?"));
        CardCatalog.Save("townhall-ask-form-problem", TownHallCards.AskForm(Hall, 500, "Why?", true, "Please write a question of at least 10 characters."));
        CardCatalog.Save("townhall-duplicate", TownHallCards.Duplicate(Hall, Question(1, "Will the hiring freeze affect backfills?", 6), "Does the hiring freeze affect backfills too?", true, true));
        CardCatalog.Save("townhall-posted", TownHallCards.Posted(Hall, Question(8, "Will the hiring freeze affect backfills?", 0), 500));
        CardCatalog.Save("townhall-posted-pending", TownHallCards.Posted(Hall, Question(9, "Will the hiring freeze affect backfills?", 0, QuestionState.Pending), 500, "The hosts review questions before they appear on the board."));
        CardCatalog.Save("townhall-withdrawn", TownHallCards.Withdrawn(Hall));
        CardCatalog.Save("townhall-closed", TownHallCards.Problem(TownHallProblem.Closed, "Questions for \"Q3 company town hall\" closed on Thu 3 Dec 2026, 14:00 UTC.", Hall));
    }

    [Fact]
    public void Answer_and_summary_cards()
    {
        CardCatalog.Save("townhall-answered", TownHallCards.Answered(Hall, Question(2, "How will the new pricing model change our targets?", 4, QuestionState.Answered, "Targets move with the model; each team gets its numbers in January.", "https://intranet.contoso.example/plan")));
        CardCatalog.Save("townhall-summary", TownHallCards.Summary(Hall,
            [Question(2, "How will the new pricing model change our targets?", 4, QuestionState.Answered, "Targets move with the model.", "https://intranet.contoso.example/plan"), Question(1, "Will the hiring freeze affect backfills?", 9, QuestionState.Answered, "Backfills continue for critical roles.")],
            [Question(3, "What is the plan for on-call load after the reorg?", 12)]));
    }
}

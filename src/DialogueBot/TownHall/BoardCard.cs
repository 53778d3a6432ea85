using DialogueBot.BotFramework.Cards;
using DialogueBot.Cards;
using DialogueBot.TownHall.Questions;

namespace DialogueBot.TownHall;

/// <summary>
/// The question board as a card: ranked, filtered, paged, and refreshing itself (Teams runs the refresh
/// action when someone opens the chat, so the ranking is current whenever it is looked at). Hosts see
/// moderation buttons; the server checks the role again on every press.
/// </summary>
public static class BoardCard
{
    /// <param name="notice">Said above the questions: what the last press did, or why it could not (<paramref name="noticeIsWarning"/>), the board staying in place.</param>
    public static AdaptiveCard Build(BoardView board, int page, int pageSize, string? notice = null, bool noticeIsWarning = false)
    {
        var townHall = board.TownHall;
        var pages = Math.Max(1, (board.Questions.Count + pageSize - 1) / pageSize);
        page = Math.Clamp(page, 0, pages - 1);
        var filter = board.Filter;

        var body = new List<CardElement>
        {
            new TextBlock("Question board") { IsSubtle = true, Size = FontSize.Small },
            new TextBlock(CardText.Markdown(townHall.Title, 150)) { Size = FontSize.Large, Weight = FontWeight.Bolder, Style = TextBlockStyle.Heading, Spacing = Spacing.None },
            new TextBlock($"Event {TownHallDates.Text(townHall.EventAt)} · {FilterName(board.Filter)} · {board.Questions.Count} question{(board.Questions.Count == 1 ? "" : "s")}") { IsSubtle = true, Size = FontSize.Small, Spacing = Spacing.None },
        };
        if (notice is not null)
        {
            body.Add(new Container { Style = noticeIsWarning ? ContainerStyle.Warning : ContainerStyle.Good, Items = [new TextBlock(notice) { Size = FontSize.Small }] });
        }

        var filters = new List<CardAction>();
        foreach (var f in board.CanModerate && townHall.PreModeration ? [BoardFilter.Open, BoardFilter.Answered, BoardFilter.Dismissed, BoardFilter.Mine, BoardFilter.Pending] : new[] { BoardFilter.Open, BoardFilter.Answered, BoardFilter.Dismissed, BoardFilter.Mine })
        {
            filters.Add(new ExecuteAction(f == board.Filter ? $"● {FilterName(f)}" : FilterName(f), TownHallCards.BoardVerb, Nav(board, f, 0)));
        }

        body.Add(new ActionSet { Actions = filters });
        if (board.Questions.Count == 0)
        {
            body.Add(new TextBlock(board.Filter == BoardFilter.Open ? "No questions yet. Be the first to ask." : "Nothing here.") { IsSubtle = true });
        }

        var first = page * pageSize;
        foreach (var (q, index) in board.Questions.Skip(first).Take(pageSize).Select((q, i) => (q, i)))
        {
            body.Add(Item(board, q, first + index + 1, filter, page));
        }

        if (pages > 1)
        {
            var paging = new List<CardAction>();
            if (page > 0)
            {
                paging.Add(new ExecuteAction("◀ Previous", TownHallCards.BoardVerb, Nav(board, filter, page - 1)));
            }

            if (page < pages - 1)
            {
                paging.Add(new ExecuteAction("Next ▶", TownHallCards.BoardVerb, Nav(board, filter, page + 1)));
            }

            body.Add(new TextBlock($"Page {page + 1} of {pages}") { IsSubtle = true, Size = FontSize.Small, HorizontalAlignment = HorizontalAlignment.Center });
            body.Add(new ActionSet { Actions = paging });
        }

        var actions = new List<CardAction>();
        if (board.CanAsk)
        {
            actions.Add(new ExecuteAction("Ask a question", TownHallCards.AskFormVerb, new AskFormData(townHall.Id)) { Style = ActionStyle.Positive });
        }

        actions.Add(new ExecuteAction("Refresh", TownHallCards.BoardVerb, Nav(board, filter, page)));
        return new AdaptiveCard
        {
            FallbackText = $"Question board: {townHall.Title}",
            Body = body,
            Actions = actions,
            Refresh = new Refresh(new ExecuteAction("Refresh", TownHallCards.BoardVerb, Nav(board, filter, page))),
            Teams = new TeamsCardProperties { Width = "Full" },
        };
    }

    /// <param name="rank">The question's place on this board (1 is the top): shown in its own column, apart from the votes, and never the question's stored number, which only says in which order questions came in.</param>
    private static Container Item(BoardView board, BoardQuestion q, int rank, BoardFilter filter, int page)
    {
        var place = Nav(board, filter, page);
        var meta = $"{TownHallCards.Votes(q.Votes)} · {(q.Author is null ? "Anonymous" : CardText.Markdown(q.Author, 80))}{(q.Pinned ? " · pinned" : "")}{(q.Mine ? " · yours" : "")}{(q.State == QuestionState.Pending ? " · awaiting approval" : "")}";
        var items = new List<CardElement>
        {
            new ColumnSet
            {
                Columns =
                [
                    new Column { Width = "auto", Items = [new TextBlock(RankText(rank)) { Weight = FontWeight.Bolder, Size = FontSize.Medium }] },
                    new Column { Width = "stretch", VerticalContentAlignment = VerticalAlignment.Center, Items = [new TextBlock(meta) { IsSubtle = true, Size = FontSize.Small }] },
                ],
            },
            CardText.User(q.Text, 600),
        };
        if (q.Answer is { Length: > 0 })
        {
            items.Add(new TextBlock("Answer") { Weight = FontWeight.Bolder, Size = FontSize.Small });
            items.Add(CardText.User(q.Answer, 1000));
        }

        if (q.DismissReason is { Length: > 0 })
        {
            items.Add(new TextBlock("Dismissed: " + CardText.Markdown(q.DismissReason, 300)) { Size = FontSize.Small, Color = TextColor.Warning });
        }

        var actions = new List<CardAction>();
        if (q.State == QuestionState.Open)
        {
            var vote = new VoteData(place.TownHallId, q.Id, !q.Voted, place.Filter, place.Page, place.Tokens);
            actions.Add(new ExecuteAction(q.Voted ? "Remove my vote" : "▲ Upvote", TownHallCards.VoteVerb, vote));
        }

        if (q.AnswerLink is { Length: > 0 })
        {
            actions.Add(new OpenUrlAction("Open the answer", q.AnswerLink));
        }

        if (board.CanModerate)
        {
            if (q.State == QuestionState.Pending)
            {
                actions.Add(Host(Moderate("Approve", ModerationAction.Approve, place, q.Id)));
            }

            if (q.State.IsLive())
            {
                actions.Add(Host(new ShowCardAction("Answer", new NestedCard
                {
                    Body =
                    [
                        new InputText { Id = InputId("answer", q.Id), Label = "Answer", IsMultiline = true, MaxLength = 2000 },
                        new InputText { Id = InputId("link", q.Id), Label = "Or a link to the answer (https://…)", Style = TextInputStyle.Url },
                    ],
                    Actions = [Moderate("Publish answer", ModerationAction.Answer, place, q.Id)],
                })));
                actions.Add(Host(new ShowCardAction("Dismiss", new NestedCard
                {
                    Body = [new InputText { Id = InputId("reason", q.Id), Label = "Why (the audience sees this)", MaxLength = 300, IsRequired = true, ErrorMessage = "Give a reason." }],
                    Actions = [Moderate("Dismiss", ModerationAction.Dismiss, place, q.Id)],
                })));
            }

            if (q.State == QuestionState.Open)
            {
                var others = board.Questions.Where(o => o.Id != q.Id && o.State == QuestionState.Open).Take(20).ToList();
                if (others.Count > 0)
                {
                    actions.Add(Host(new ShowCardAction("Merge", new NestedCard
                    {
                        Body =
                        [
                            new InputChoiceSet
                            {
                                Id = InputId("into", q.Id),
                                Label = "Merge into (votes combine, nobody counts twice)",
                                IsRequired = true,
                                ErrorMessage = "Choose a question.",
                                Choices = others.Select(o => new Choice($"{CardText.Clean(o.Text, 80)} ({TownHallCards.Votes(o.Votes)})", o.Id)).ToList(),
                            },
                        ],
                        Actions = [Moderate("Merge", ModerationAction.Merge, place, q.Id)],
                    })));
                }

                actions.Add(Host(Moderate(q.Pinned ? "Unpin" : "Pin", q.Pinned ? ModerationAction.Unpin : ModerationAction.Pin, place, q.Id)));
            }
        }

        if (actions.Count > 0)
        {
            items.Add(new ActionSet { Actions = actions });
        }

        return new Container { Separator = true, Spacing = Spacing.Medium, Style = q.Pinned ? ContainerStyle.Accent : null, Items = items };
    }

    /// <summary>
    /// Where the viewer is, for every board button, with the asker tokens they came with (from their own
    /// receipt card), so "mine" keeps showing their anonymous questions as they page, filter and refresh.
    /// </summary>
    private static BoardData Nav(BoardView board, BoardFilter filter, int page) =>
        new(board.TownHall.Id, filter, page, board.Tokens is { Count: > 0 } tokens ? tokens : null);

    private static ExecuteAction Moderate(string title, ModerationAction action, BoardData place, string questionId) =>
        new(title, TownHallCards.ModerateVerb, new ModerateData(place.TownHallId, questionId, action, place.Filter, place.Page, place.Tokens));

    /// <summary>
    /// Host actions go to the question's overflow menu ("…"): the audience's one button (Upvote) stays alone on
    /// the row, and five buttons never wrap under every question.
    /// </summary>
    private static T Host<T>(T action)
        where T : CardAction
    {
        action.Mode = ActionMode.Secondary;
        return action;
    }

    /// <summary>"1st", "2nd", …: a place on the board, which no stored id looks like.</summary>
    public static string RankText(int rank) => (rank % 100) switch
    {
        11 or 12 or 13 => $"{rank}th",
        _ => (rank % 10) switch { 1 => $"{rank}st", 2 => $"{rank}nd", 3 => $"{rank}rd", _ => $"{rank}th" },
    };

    /// <summary>Input ids are unique on a card, so each question's moderation inputs carry its id.</summary>
    public static string InputId(string name, string questionId) => name + "-" + questionId;

    public static string FilterName(BoardFilter filter) => filter switch
    {
        BoardFilter.Open => "Open",
        BoardFilter.Answered => "Answered",
        BoardFilter.Dismissed => "Dismissed",
        BoardFilter.Mine => "Mine",
        BoardFilter.Pending => "Pending",
        _ => filter.ToString(),
    };
}

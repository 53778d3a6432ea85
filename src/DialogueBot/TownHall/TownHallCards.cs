using System.Globalization;
using DialogueBot.BotFramework.Cards;
using DialogueBot.Cards;
using DialogueBot.TownHall.Questions;
using DialogueBot.TownHall.TownHalls;

namespace DialogueBot.TownHall;

/// <summary>The town hall's cards. Every piece of typed text goes through <see cref="CardText"/>.</summary>
public static class TownHallCards
{
    public const string AskFormVerb = "townhall.askForm";
    public const string AskVerb = "townhall.ask";
    public const string VoteVerb = "townhall.vote";
    public const string EditVerb = "townhall.edit";
    public const string WithdrawVerb = "townhall.withdraw";
    public const string BoardVerb = "townhall.board";
    public const string ModerateVerb = "townhall.moderate";
    public const string FollowVerb = "townhall.follow";

    /// <summary>At most this many featured wins on the board and the summary.</summary>
    public const int MaxWins = 5;

    private static TextBlock Heading(string text) => new(text) { Size = FontSize.Large, Weight = FontWeight.Bolder, Style = TextBlockStyle.Heading };

    private static ExecuteAction BoardAction(string title, string townHallId, BoardFilter filter = BoardFilter.Open, int page = 0) =>
        new(title, BoardVerb, new BoardData(townHallId, filter, page));

    /// <summary>What the cards say where anonymity is not offered (an audience under k).</summary>
    public static string NamedOnly(int k) => $"Questions here are named: the audience is smaller than {k} people, too few to stay anonymous among.";

    /// <summary>Sent to the audience when a town hall opens.</summary>
    /// <param name="namedOnlyBelow">k, when the audience is too small for anonymous questions; null when they are offered.</param>
    public static AdaptiveCard Announcement(TownHallEntity townHall, IReadOnlyList<string> hostNames, int? namedOnlyBelow = null) => new()
    {
        FallbackText = $"Town hall: {townHall.Title}. Ask your questions.",
        Body =
        [
            new TextBlock("Reverse town hall") { IsSubtle = true, Size = FontSize.Small },
            Heading(CardText.Markdown(townHall.Title, 150)),
            new TextBlock($"Your leaders answer **your** questions. Ask what you want to know, and upvote what others asked: the most-voted questions are answered first."),
            new FactSet
            {
                Facts =
                [
                    new Fact("Hosts", hostNames.Count == 0 ? "The leadership team" : CardText.Markdown(string.Join(", ", hostNames), 200)),
                    new Fact("Event", TownHallDates.Text(townHall.EventAt)),
                    new Fact("Questions until", TownHallDates.Text(townHall.ClosesAt)),
                    new Fact("Asking", namedOnlyBelow is { } k ? NamedOnly(k) : townHall.AnonymousByDefault ? "Anonymous unless you choose to give your name" : "With your name, unless you choose to stay anonymous"),
                ],
            },
        ],
        Actions =
        [
            new ExecuteAction("Ask a question", AskFormVerb, new AskFormData(townHall.Id)) { Style = ActionStyle.Positive },
            BoardAction("See top questions", townHall.Id),
        ],
    };

    /// <summary>
    /// The question form, optionally pre-filled (after a problem) with what the person wrote. It carries a random
    /// ask id made when the card is built: pressing Ask twice, or Teams retrying the press, is one question.
    /// </summary>
    /// <param name="namedOnlyBelow">k, when the audience is too small for anonymous questions: no anonymous toggle, and the card says so.</param>
    public static AdaptiveCard AskForm(TownHallEntity townHall, int maxLength, string? text = null, bool? anonymous = null, string? problem = null, string? askId = null, int? namedOnlyBelow = null)
    {
        askId ??= AskerTokens.NewAskId();
        var body = new List<CardElement> { Heading("Ask a question"), new TextBlock(CardText.Markdown(townHall.Title, 150)) { IsSubtle = true, Spacing = Spacing.None } };
        if (problem is not null)
        {
            body.Add(new Container { Style = ContainerStyle.Attention, Items = [new TextBlock(problem)] });
        }

        body.Add(new InputText { Id = "text", Label = "Your question", IsMultiline = true, MaxLength = maxLength, IsRequired = true, ErrorMessage = "Write your question first.", Value = text is null ? null : CardText.Clean(text, maxLength), Placeholder = "What would you like the leadership team to answer?" });
        if (namedOnlyBelow is { } k)
        {
            body.Add(new TextBlock(NamedOnly(k) + " Your name is shown with your question.") { Size = FontSize.Small, Wrap = true });
        }
        else
        {
            body.Add(new InputToggle { Id = "anonymous", Title = "Ask anonymously (nobody, not even the hosts, can see it was you)", Value = (anonymous ?? townHall.AnonymousByDefault) ? "true" : "false", ValueOn = "true", ValueOff = "false", Wrap = true });
            body.Add(Loop.Threads.QuestionFollowUps.Toggle()); // issue 15: hosts may follow up with an anonymous asker
        }

        body.Add(new InputToggle { Id = "follow", Title = "Tell me when it is answered", Value = "true", ValueOn = "true", ValueOff = "false", Wrap = true });
        return new AdaptiveCard
        {
            FallbackText = "Ask a question for the town hall",
            Body = body,
            Actions =
            [
                new ExecuteAction("Ask", AskVerb, new AskData(townHall.Id, AskId: askId, Anonymous: namedOnlyBelow is null ? null : false)) { Style = ActionStyle.Positive },
                BoardAction("See top questions", townHall.Id),
            ],
        };
    }

    /// <summary>"ask" with several town halls open: which one the question is for, never picked silently.</summary>
    public static AdaptiveCard ChooseTownHall(IReadOnlyList<TownHallEntity> open, string? text) => new()
    {
        FallbackText = "Which town hall is your question for?",
        Body =
        [
            Heading("Which town hall?"),
            new TextBlock($"{open.Count} town halls are taking questions. Choose the one your question is for; you choose named or anonymous next, and nothing is posted before you press Ask."),
            .. text is null ? Array.Empty<CardElement>() : [CardText.User(text, subtle: true)],
            new FactSet { Facts = open.Select(t => new Fact(CardText.Markdown(t.Title, 80), "Event " + TownHallDates.Text(t.EventAt))).ToList() },
        ],
        Actions = open.Select(t => (CardAction)new ExecuteAction("For " + CardText.Clean(t.Title, 60), AskFormVerb, new AskFormData(t.Id, text))).ToList(),
    };

    /// <summary>"This looks like a question already asked": upvote that one, or ask anyway.</summary>
    public static AdaptiveCard Duplicate(TownHallEntity townHall, QuestionEntity existing, string text, bool anonymous, bool follow, string? askId = null) => new()
    {
        FallbackText = "A similar question was already asked",
        Body =
        [
            Heading("Already asked?"),
            new TextBlock("A question like yours is on the board. Upvoting it moves it up, so it is more likely to be answered."),
            new Container { Style = ContainerStyle.Emphasis, Items = [new TextBlock($"#{existing.Number} · {Votes(existing.Votes)}") { IsSubtle = true, Size = FontSize.Small }, CardText.User(existing.Text)] },
            new TextBlock("Yours") { Weight = FontWeight.Bolder, Size = FontSize.Small },
            CardText.User(text, subtle: true),
        ],
        Actions =
        [
            new ExecuteAction("Upvote that one instead", VoteVerb, new VoteData(townHall.Id, existing.Id, On: true)) { Style = ActionStyle.Positive },
            // The form's ask id travels on, so a double press of "ask anyway" is still one question.
            new ExecuteAction("Ask mine anyway", AskVerb, new AskData(townHall.Id, text, anonymous, follow, Force: true, AskId: askId ?? AskerTokens.NewAskId())),
        ],
    };

    /// <summary>
    /// The asker's receipt, with edit, withdraw and follow. Their buttons carry the asker's token: this card, in
    /// the asker's own chat, is what proves the question is theirs (the server keeps only the token's hash).
    /// </summary>
    public static AdaptiveCard Posted(TownHallEntity townHall, QuestionEntity question, int maxLength, string? note = null, string? token = null, bool following = false)
    {
        var body = new List<CardElement>
        {
            Heading(question.State == QuestionState.Pending ? "Question sent for review" : "Your question is on the board"),
            new Container { Style = ContainerStyle.Emphasis, Items = [new TextBlock($"#{question.Number} · {Votes(question.Votes)}") { IsSubtle = true, Size = FontSize.Small }, CardText.User(question.Text)] },
            new TextBlock(question.Anonymous
                ? "Asked anonymously: your name is not stored with it, and nobody can see it was you. Only you can change or withdraw it, from this card."
                : "Asked with your name.") { Size = FontSize.Small, IsSubtle = true },
        };
        if (!string.IsNullOrEmpty(note))
        {
            body.Add(new TextBlock(note) { Size = FontSize.Small });
        }

        var actions = new List<CardAction>();
        if (question.State.IsLive())
        {
            actions.Add(new ShowCardAction("Edit", new NestedCard
            {
                Body = [new InputText { Id = "text", Label = "Your question", IsMultiline = true, MaxLength = maxLength, Value = question.Text, IsRequired = true, ErrorMessage = "The question cannot be empty." }],
                Actions = [new ExecuteAction("Save", EditVerb, new EditData(townHall.Id, question.Id, Token: token))],
            }));
            actions.Add(new ExecuteAction("Withdraw", WithdrawVerb, new WithdrawData(townHall.Id, question.Id, token)) { Style = ActionStyle.Destructive });
            actions.Add(new ExecuteAction(following ? "Stop telling me" : "Tell me when it is answered", FollowVerb, new FollowData(townHall.Id, question.Id, token, !following)));
        }

        // With the token, the board this opens marks the question "yours" (and lists it under Mine) for the asker alone.
        actions.Add(token is null
            ? BoardAction("See top questions", townHall.Id)
            : new ExecuteAction("See top questions", BoardVerb, new BoardData(townHall.Id, BoardFilter.Open, 0, [token])));
        return new AdaptiveCard { FallbackText = "Your question was posted", Body = body, Actions = actions };
    }

    public static AdaptiveCard Withdrawn(TownHallEntity townHall) => StatusCards.Notice("Question withdrawn", $"Your question for \"{CardText.Markdown(townHall.Title, 100)}\" was withdrawn and its text erased.", BoardAction("See top questions", townHall.Id));

    /// <summary>Sent to the named asker and every follower when a question is answered.</summary>
    public static AdaptiveCard Answered(TownHallEntity townHall, QuestionEntity question)
    {
        var body = new List<CardElement>
        {
            new TextBlock(CardText.Markdown(townHall.Title, 150)) { IsSubtle = true, Size = FontSize.Small },
            Heading("A question you follow was answered"),
            new Container { Style = ContainerStyle.Emphasis, Items = [CardText.User(question.Text)] },
        };
        if (question.Answer.Length > 0)
        {
            body.Add(new TextBlock("Answer") { Weight = FontWeight.Bolder });
            body.Add(CardText.User(question.Answer, 4000));
        }

        var actions = new List<CardAction>();
        if (question.AnswerLink.Length > 0)
        {
            actions.Add(new OpenUrlAction("Open the answer", question.AnswerLink));
        }

        actions.Add(BoardAction("See all answers", townHall.Id, BoardFilter.Answered));
        return new AdaptiveCard { FallbackText = "A question you follow was answered", Body = body, Actions = actions };
    }

    /// <summary>After the event: what was answered, and what happens to what was not.</summary>
    /// <param name="wins">Managers' wins featured for this town hall (IRecognitionInsights), shown first.</param>
    public static AdaptiveCard Summary(TownHallEntity townHall, IReadOnlyList<QuestionEntity> answered, IReadOnlyList<QuestionEntity> open, int maxItems = 10, IReadOnlyList<Insights.FeaturedWin>? wins = null)
    {
        var body = new List<CardElement>
        {
            new TextBlock("After the town hall") { IsSubtle = true, Size = FontSize.Small },
            Heading(CardText.Markdown(townHall.Title, 150)),
            new TextBlock($"{answered.Count} question{(answered.Count == 1 ? "" : "s")} answered, {open.Count} still open. Thank you for asking."),
        };
        if (wins is { Count: > 0 })
        {
            body.Add(new TextBlock("Managers' wins") { Weight = FontWeight.Bolder, Size = FontSize.Medium, Spacing = Spacing.Medium });
            foreach (var win in wins.Take(MaxWins))
            {
                body.Add(new Container { Separator = true, Items = [new TextBlock($"{CardText.Markdown(win.ManagerName, 100)} · {CardText.Markdown(win.Category, 80)}") { Weight = FontWeight.Bolder }, new TextBlock($"Nominated by {CardText.Markdown(win.NominatedBy, 100)}") { IsSubtle = true, Size = FontSize.Small, Spacing = Spacing.None }, CardText.User(win.Story, 400)] });
            }
        }

        if (answered.Count > 0)
        {
            body.Add(new TextBlock("Answered") { Weight = FontWeight.Bolder, Size = FontSize.Medium, Spacing = Spacing.Medium });
            foreach (var q in answered.Take(maxItems))
            {
                var items = new List<CardElement> { CardText.User(q.Text, 300), CardText.User(q.Answer.Length > 0 ? q.Answer : "Answered live; see the recording.", 600, subtle: true) };
                if (q.AnswerLink.Length > 0)
                {
                    items.Add(new ActionSet { Actions = [new OpenUrlAction("Open the answer", q.AnswerLink)] });
                }

                body.Add(new Container { Separator = true, Items = items });
            }
        }

        if (open.Count > 0)
        {
            body.Add(new TextBlock("Still open: what happens next") { Weight = FontWeight.Bolder, Size = FontSize.Medium, Spacing = Spacing.Medium });
            body.Add(new TextBlock("The hosts will answer these in writing on the board and share the why behind each decision. Everyone who upvoted one gets a card when it is answered.") { Size = FontSize.Small });
            foreach (var q in open.Take(maxItems))
            {
                body.Add(new Container { Separator = true, Items = [new TextBlock(Votes(q.Votes)) { IsSubtle = true, Size = FontSize.Small }, CardText.User(q.Text, 300)] });
            }
        }

        return new AdaptiveCard
        {
            FallbackText = $"Summary of {townHall.Title}",
            Body = body,
            Actions = [BoardAction("See the full board", townHall.Id, BoardFilter.Answered)],
        };
    }

    /// <summary>A problem answered on a card, with a way back to the board.</summary>
    public static AdaptiveCard Problem(TownHallProblem problem, string message, TownHallEntity? townHall)
    {
        CardAction[] back = townHall is null ? [] : [BoardAction("See top questions", townHall.Id)];
        return problem switch
        {
            TownHallProblem.NotAllowed => StatusCards.Problem("Not available to you", message, back),
            TownHallProblem.Closed => StatusCards.Notice("Questions are closed", message, back),
            TownHallProblem.NotFound => StatusCards.Stale(),
            _ => StatusCards.Problem("That did not work", message, back),
        };
    }

    public static string Votes(int count) => count == 1 ? "1 vote" : $"{count.ToString(CultureInfo.InvariantCulture)} votes";
}

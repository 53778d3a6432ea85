using DialogueBot.BotFramework.Cards;
using DialogueBot.Cards;
using DialogueBot.Loop.Threads;

namespace DialogueBot.Loop.Cards;

/// <summary>
/// The cards of an anonymous conversation: the leader's reply button under a comment, the relayed reply in the
/// author's chat (the leader named, the comment NOT quoted: that chat is kept by Microsoft 365 under the
/// author's name), the author's answer in the leader's chat, and the outcomes of a press.
/// </summary>
public static class ThreadCards
{
    public const string ReplyVerb = "loop.reply";
    public const string AnswerVerb = "loop.answer";
    public const string ResolveVerb = "loop.resolve";
    public const string TextInput = "text";

    /// <summary>"Reply anonymously" under a comment whose author opted in: a text box and Send, in place.</summary>
    public static ActionSet ReplyButton(string scope, string threadId) => new()
    {
        Actions =
        [
            new ShowCardAction("Reply to the author", new NestedCard
            {
                Body =
                [
                    new TextBlock("The author opted in to replies. They will see your name, never you theirs unless they choose.") { Size = FontSize.Small, IsSubtle = true, Wrap = true },
                    ReplyInput("Your reply"),
                ],
                Actions = [new ExecuteAction("Send reply", ReplyVerb, new ThreadReplyData(scope, threadId, NewMessageId())) { Style = ActionStyle.Positive }],
            }),
        ],
    };

    /// <summary>In the author's 1:1 chat: who replied and what, and the two ways to answer back.</summary>
    /// <param name="noun">"your anonymous comment" (pulse) or "your anonymous question" (town hall).</param>
    public static AdaptiveCard ToAuthor(string leaderName, string pulseTitle, string questionText, ThreadMessage reply, string scope, string threadId, string noun = "your anonymous comment")
    {
        var answerId = NewMessageId();
        return new AdaptiveCard
        {
            FallbackText = $"{leaderName} replied to {noun}",
            Body =
            [
                new TextBlock($"{CardText.Markdown(leaderName, 80)} replied to {noun}") { Size = FontSize.Large, Weight = FontWeight.Bolder, Style = TextBlockStyle.Heading, Wrap = true },
                new TextBlock($"On \"{CardText.Markdown(pulseTitle, 120)}\" · {CardText.Markdown(questionText, 200)}") { IsSubtle = true, Size = FontSize.Small, Spacing = Spacing.None, Wrap = true },
                CardText.User(reply.Text, ThreadRules.MaxTextLength),
                new TextBlock($"{CardText.Markdown(leaderName, 80)} does not know who you are. Answer anonymously, or with your name if you want them to know.") { Size = FontSize.Small, IsSubtle = true, Wrap = true },
                ReplyInput("Your answer"),
            ],
            Actions =
            [
                new ExecuteAction("Answer anonymously", AnswerVerb, new ThreadAnswerData(scope, threadId, answerId)) { Style = ActionStyle.Positive },
                new ExecuteAction("Answer with my name", AnswerVerb, new ThreadAnswerData(scope, threadId, answerId, Reveal: true)),
            ],
        };
    }

    /// <summary>In the leader's 1:1 chat: the author's answer (anonymous, or with the name they chose to give), a reply box and Resolve.</summary>
    public static AdaptiveCard ToLeader(string pulseTitle, string comment, ThreadMessage answer, string? revealedName, string scope, string threadId) => new()
    {
        FallbackText = revealedName is null ? "The anonymous author answered you" : $"{revealedName} answered you",
        Body =
        [
            new TextBlock(revealedName is null ? "The anonymous author answered you" : $"{CardText.Markdown(revealedName, 80)} answered you, with their name") { Size = FontSize.Large, Weight = FontWeight.Bolder, Style = TextBlockStyle.Heading, Wrap = true },
            new TextBlock($"On \"{CardText.Markdown(pulseTitle, 120)}\", about:") { IsSubtle = true, Size = FontSize.Small, Spacing = Spacing.None, Wrap = true },
            CardText.User("“" + comment + "”", 400, subtle: true, italic: true),
            CardText.User(answer.Text, ThreadRules.MaxTextLength),
            ReplyInput("Reply"),
        ],
        Actions =
        [
            new ExecuteAction("Send reply", ReplyVerb, new ThreadReplyData(scope, threadId, NewMessageId())) { Style = ActionStyle.Positive },
            new ExecuteAction("Resolve the conversation", ResolveVerb, new ThreadResolveData(scope, threadId)),
        ],
    };

    /// <summary>What replaces the pressed card.</summary>
    public static AdaptiveCard Outcome(ThreadResult result, bool leader) => result.Outcome switch
    {
        ThreadOutcome.Sent when leader => StatusCards.Notice("Reply sent", "It goes to the author's chat with your name. You will hear here if they answer."),
        ThreadOutcome.Sent when result.Message?.RevealedId is not null => StatusCards.Notice("Answer sent, with your name", "The leader will see your answer and your name."),
        ThreadOutcome.Sent => StatusCards.Notice("Answer sent anonymously", "The leader will see your answer, not your name."),
        ThreadOutcome.AlreadySent => StatusCards.Notice("Already sent", "This message was sent once; it is not sent again."),
        ThreadOutcome.Resolved => StatusCards.Notice("This conversation is resolved", "It takes no more messages."),
        ThreadOutcome.Empty => StatusCards.Problem("Nothing to send", "Please type a message first."),
        ThreadOutcome.TooLong => StatusCards.Problem("Too long", $"Messages are limited to {ThreadRules.MaxTextLength} characters."),
        ThreadOutcome.WaitForAnswer => StatusCards.Notice("Waiting for the author", $"You have written {ThreadRules.MaxLeaderTurns} times without an answer; the author may answer when they choose."),
        ThreadOutcome.ThreadFull => StatusCards.Notice("This conversation is full", $"A conversation holds at most {ThreadRules.MaxMessages} messages."),
        ThreadOutcome.LeaderLimit => StatusCards.Notice("Daily limit reached", $"Leaders can send {ThreadRules.MaxLeaderRepliesPerDay} replies a day. Please continue tomorrow."),
        ThreadOutcome.NotAllowed => StatusCards.NotAllowed(leader ? "reply to comments" : "answer in this conversation"),
        _ => StatusCards.Stale(),
    };

    private static InputText ReplyInput(string label) => new()
    {
        Id = TextInput,
        Label = label,
        IsMultiline = true,
        MaxLength = ThreadRules.MaxTextLength,
        IsRequired = true,
        ErrorMessage = "Please type a message.",
    };

    /// <summary>Made with the card: a press retried by Teams, or pressed twice, carries the same id and is stored once.</summary>
    private static string NewMessageId() => Guid.NewGuid().ToString("N");
}

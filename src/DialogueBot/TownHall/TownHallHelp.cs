using DialogueBot.BotFramework.Cards;
using DialogueBot.Cards;
using DialogueBot.Help;
using DialogueBot.Org;

namespace DialogueBot.TownHall;

/// <summary>
/// The town-hall tasks on the help card. With the town hall the caller is invited to at hand, the buttons open
/// its board and its ask form directly; without one (the card built without storage), they stand for typing the command.
/// </summary>
public sealed class TownHallHelp(TownHallService service) : IHelpContributor, IBotCommandSource
{
    public int Order => 200;

    public IEnumerable<BotCommand> Commands => [new("ask", "Ask a question for the next town hall"), new("questions", "See the town hall's top questions")];

    public IEnumerable<HelpTopic> TopicsFor(Caller caller) =>
        Topics(caller, CommandButton.For("Ask a question", "ask"), CommandButton.For("Question board", "questions"), CommandButton.For("Moderate questions", "questions"));

    public async ValueTask<IEnumerable<HelpTopic>> TopicsForAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (caller.Person is null)
        {
            return [];
        }

        return await service.CurrentForAsync(caller, cancellationToken) is { } townHall
            ? Topics(caller, new ExecuteAction("Ask a question", TownHallCards.AskFormVerb, new AskFormData(townHall.Id)), new ExecuteAction("Question board", TownHallCards.BoardVerb, new BoardData(townHall.Id)), new ExecuteAction("Moderate questions", TownHallCards.BoardVerb, new BoardData(townHall.Id)))
            : Topics(caller, null, null, null);
    }

    private static IEnumerable<HelpTopic> Topics(Caller caller, CardAction? ask, CardAction? board, CardAction? moderate)
    {
        if (caller.Person is null)
        {
            yield break;
        }

        yield return new HelpTopic("Ask a question", "Ask the leadership team anything for the next town hall, anonymously if you like; upvote what others asked.", "ask <your question>", ask);
        yield return new HelpTopic("Top questions", "See the town hall's question board, ranked by votes.", "questions", board);
        if (caller.HasAny(OrgRole.Executive | OrgRole.HR))
        {
            yield return new HelpTopic("Run a town hall", "Approve, pin, merge and answer questions from the question board card, or put the Question board tab on a projector.", "questions", moderate);
        }
    }
}

using DialogueBot.BotFramework.Cards;
using DialogueBot.Cards;
using DialogueBot.Help;
using DialogueBot.Org;

namespace DialogueBot.TownHall;

public sealed class TownHallHelp : IHelpContributor, IBotCommandSource
{
    public int Order => 200;

    public IEnumerable<BotCommand> Commands => [new("ask", "Ask a question for the next town hall"), new("questions", "See the town hall's top questions")];

    public IEnumerable<HelpTopic> TopicsFor(Caller caller)
    {
        if (caller.Person is null)
        {
            yield break;
        }

        yield return new HelpTopic("Ask a question", "Ask the leadership team anything for the next town hall, anonymously if you like; upvote what others asked.", "ask <your question>", CommandButton.For("Ask a question", "ask"));
        yield return new HelpTopic("Top questions", "See the town hall's question board, ranked by votes.", "questions", CommandButton.For("Question board", "questions"));
        if (caller.HasAny(OrgRole.Executive | OrgRole.HR))
        {
            yield return new HelpTopic("Run a town hall", "Approve, pin, merge and answer questions from the question board card, or put the Question board tab on a projector.", "questions", CommandButton.For("Moderate questions", "questions"));
        }
    }
}

using DialogueBot.BotFramework.Cards;
using DialogueBot.Help;
using DialogueBot.Org;
using DialogueBot.Recognition.Cards;

namespace DialogueBot.Recognition;

public sealed class RecognitionHelp : IHelpContributor, IBotCommandSource
{
    public const string Command = "recognise";

    /// <summary>The American spelling, answered too (not listed in the manifest: one command per feature there).</summary>
    public const string CommandAlias = "recognize";

    public int Order => 400;

    public IEnumerable<BotCommand> Commands => [new(Command, "Recognise a manager's win ('recognise review' for HR and executives)")];

    public IEnumerable<HelpTopic> TopicsFor(Caller caller)
    {
        if (caller.Person is not null)
        {
            yield return new HelpTopic("Recognise a manager", "Tell a manager, and HR, about a win: a tough transition led, someone coached, well-being stood up for, a result. They and their manager hear it at once, with your name.", Command, new ExecuteAction("Recognise a manager", RecognitionVerbs.Form));
        }

        if (RecognitionService.CanReview(caller))
        {
            yield return new HelpTopic("Review nominations", "Approve, feature or decline nominations, and see which managers have never been recognised. Featured wins go on the next town hall's board and in the monthly digest.", Command + " review", new ExecuteAction("Review nominations", RecognitionVerbs.Queue, new QueueData()));
        }
    }
}

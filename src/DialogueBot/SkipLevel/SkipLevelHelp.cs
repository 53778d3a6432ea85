using DialogueBot.BotFramework.Cards;
using DialogueBot.Help;
using DialogueBot.Org;
using DialogueBot.SkipLevel.Cards;

namespace DialogueBot.SkipLevel;

public sealed class SkipLevelHelp : IHelpContributor, IBotCommandSource
{
    public int Order => 300;

    public IEnumerable<BotCommand> Commands => [new(SkipLevelRoutes.Command, "Skip-level programmes: 'skip-level new' or 'skip-level status' (HR)")];

    public IEnumerable<HelpTopic> TopicsFor(Caller caller)
    {
        if (caller.HasAny(OrgRole.HR))
        {
            yield return new HelpTopic("Skip-level programmes", "Pair every manager with the leader two levels above, preview the pairs and weeks, then launch. See completion and overdue pairs any time.", "skip-level new", new ExecuteAction("New programme", ProgrammeFormCard.OpenVerb)) { MoreButtons = [new ExecuteAction("Skip-level status", StatusCard.StatusVerb)] };
        }
        else if (caller.HasAny(OrgRole.Manager | OrgRole.Executive))
        {
            yield return new HelpTopic("Skip-level meetings", "When HR runs a programme you get a card a week ahead: who you meet, a suggested week and agenda. Confirm, propose another week or decline.");
        }
    }
}

using DialogueBot.BotFramework.Cards;
using DialogueBot.Org;

namespace DialogueBot.Help;

/// <summary>The help topics and commands that are not any one feature's.</summary>
public sealed class CoreHelp : IHelpContributor, IBotCommandSource
{
    public int Order => 1000;

    public IEnumerable<BotCommand> Commands => [new("help", "What I can do for you")];

    public IEnumerable<HelpTopic> TopicsFor(Caller caller)
    {
        yield return new HelpTopic("Help", "Shows this card: everything you can do here, for your role.", "help");
        if (caller.HasAny(OrgRole.HR))
        {
            yield return new HelpTopic("Org chart", "Everything here follows your organisation's chart: who manages whom, units and roles. HR keeps it current from the HR system's export, or IT has it synced from Entra ID.");
        }
    }
}

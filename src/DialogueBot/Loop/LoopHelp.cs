using DialogueBot.Help;
using DialogueBot.Loop.Figures;
using DialogueBot.Org;

namespace DialogueBot.Loop;

/// <summary>
/// Help topics for closing the loop. The "follow-through" command is not in the manifest's command list
/// (that list is kept to the core commands); it is named here instead.
/// </summary>
public sealed class LoopHelp : IHelpContributor
{
    public int Order => 150;

    public IEnumerable<HelpTopic> TopicsFor(Caller caller)
    {
        if (caller.HasAny(OrgRole.Manager))
        {
            yield return new HelpTopic("Replies to your comments", "Tick \"leaders may reply to me anonymously\" under a pulse and leaders can answer your comment here; you answer anonymously or with your name.");
        }

        if (caller.HasAny(FollowThroughService.Readers))
        {
            yield return new HelpTopic("Follow-through", "How soon summaries came after each pulse and town hall, questions answered, actions done on time.", "follow-through");
        }
    }
}

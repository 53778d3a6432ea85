using DialogueBot.Help;
using DialogueBot.Infrastructure.Anonymity;
using DialogueBot.Org;
using Microsoft.Extensions.Options;

namespace DialogueBot.Consultation;

public sealed class ConsultationHelp(IOptions<AnonymityOptions> anonymity) : IHelpContributor, IBotCommandSource
{
    public int Order => 150;

    public IEnumerable<BotCommand> Commands => [new("consult", "Consultations: test a decision with managers before it ships")];

    public IEnumerable<HelpTopic> TopicsFor(Caller caller)
    {
        if (caller.HasAny(OrgRole.Manager))
        {
            yield return new HelpTopic(
                "Consultations",
                $"Before a decision ships, you may get its brief here: rate it, raise concerns or questions (anonymously where at least {anonymity.Value.MinimumGroupSize} are consulted), upvote others', offer to join a roundtable. You hear the outcome before it is announced.",
                "consult");
        }

        if (caller.HasAny(ConsultationAccess.Drafters))
        {
            yield return new HelpTopic("Start a consultation", "Share the proposal and the why with managers, see support by unit and level and their concerns, then send the outcome ahead of the announcement.", "consult");
        }
    }
}

using DialogueBot.BotFramework.Cards;
using DialogueBot.Help;
using DialogueBot.Infrastructure.Anonymity;
using DialogueBot.Org;
using DialogueBot.Pulse.Cards;
using Microsoft.Extensions.Options;

namespace DialogueBot.Pulse;

public sealed class PulseHelp(IOptions<AnonymityOptions> anonymity) : IHelpContributor, IBotCommandSource
{
    public int Order => 100;

    public IEnumerable<BotCommand> Commands =>
    [
        new("pulse", "Start a pulse survey (HR and executives)"),
        new("results", "Pulse results (HR and executives)"),
    ];

    public IEnumerable<HelpTopic> TopicsFor(Caller caller)
    {
        if (caller.HasAny(OrgRole.Manager))
        {
            yield return new HelpTopic("Pulses", "Short anonymous surveys arrive here as cards; answer them in place. Nobody can see what you answered.");
        }

        if (caller.HasAny(PulseRoutes.Creators))
        {
            yield return new HelpTopic("Start a pulse", "Pick a question set or write your own questions, choose an audience and count it, then send: the card goes to everyone in it.", "pulse", new ExecuteAction("Start a pulse", PulseFormCard.FormVerb));
            yield return new HelpTopic("Pulse results", $"Results of closed pulses, for groups of {anonymity.Value.MinimumGroupSize} or more only, with the trend across runs.", "results", new ExecuteAction("See results", PulseResultsCard.ListVerb));
        }
    }
}

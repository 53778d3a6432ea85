using DialogueBot.BotFramework.Cards;
using DialogueBot.Cards;
using DialogueBot.Help;
using DialogueBot.Org;

namespace DialogueBot.Conversations;

/// <summary>The first card a person gets: what the bot is, what it will ask of them, and the anonymity promise.</summary>
public static class WelcomeCard
{
    /// <param name="minimumGroupSize">The configured threshold k, as the card states it.</param>
    public static AdaptiveCard Build(Caller caller, int minimumGroupSize)
    {
        var roleLine = caller.Roles switch
        {
            var r when r.HasFlag(OrgRole.HR) => "As HR you can schedule pulses and skip-level programmes and keep the org chart current.",
            var r when r.HasFlag(OrgRole.Executive) => "As an executive you will see pulse results, open town halls and answer the questions managers raise.",
            var r when r.HasFlag(OrgRole.Manager) => "As a manager you will get short pulses to answer, can ask questions for the next town hall, and will be invited to skip-level conversations.",
            _ => "Your organisation uses me to run a two-way dialogue between its leaders and its managers.",
        };

        return new AdaptiveCard
        {
            FallbackText = "Welcome to DialogueBot",
            Body =
            [
                new TextBlock($"Welcome, {CardText.Markdown(caller.FirstName, 60)}") { Size = FontSize.Large, Weight = FontWeight.Bolder, Style = TextBlockStyle.Heading },
                new TextBlock("I carry candid feedback between your organisation's leaders and its managers, in both directions."),
                new TextBlock(roleLine),
                new Container
                {
                    Style = ContainerStyle.Emphasis,
                    Spacing = Spacing.Medium,
                    Items =
                    [
                        new TextBlock("Your answers are anonymous") { Weight = FontWeight.Bolder },
                        new TextBlock($"Pulse answers are stored without your name or id, and results of any group smaller than {minimumGroupSize} people are never shown to anyone.") { Size = FontSize.Small },
                    ],
                },
            ],
            Actions = [new ExecuteAction("What can I do?", HelpCard.ShowVerb)],
        };
    }
}

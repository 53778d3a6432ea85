using DialogueBot.BotFramework.Cards;
using DialogueBot.Infrastructure.Anonymity;
using DialogueBot.Org;
using Microsoft.Extensions.Options;

namespace DialogueBot.Help;

/// <summary>
/// The help card: what this caller can do, by role, each task with the button that starts it (or, where a
/// task has none, the command to type). Only tasks the caller's roles allow are on it.
/// </summary>
/// <param name="anonymity">The threshold k the card states; absent (a test building the card alone), the default.</param>
public sealed class HelpCard(IEnumerable<IHelpContributor> contributors, IOptions<AnonymityOptions>? anonymity = null)
{
    public const string ShowVerb = "help.show";

    /// <summary>The card with each task's button as stored data allows (the one a person gets).</summary>
    public async Task<AdaptiveCard> BuildAsync(Caller caller, CancellationToken cancellationToken)
    {
        var topics = new List<HelpTopic>();
        foreach (var contributor in contributors.OrderBy(c => c.Order))
        {
            topics.AddRange(await contributor.TopicsForAsync(caller, cancellationToken));
        }

        return Build(caller, topics);
    }

    /// <summary>The card from each contributor's topics without reading storage.</summary>
    public AdaptiveCard Build(Caller caller) => Build(caller, contributors.OrderBy(c => c.Order).SelectMany(c => c.TopicsFor(caller)).ToList());

    private AdaptiveCard Build(Caller caller, List<HelpTopic> topics)
    {
        var body = new List<CardElement>
        {
            new TextBlock("What I can do for you") { Size = FontSize.Large, Weight = FontWeight.Bolder, Style = TextBlockStyle.Heading },
            new TextBlock(WhoYouAre(caller)) { IsSubtle = true, Spacing = Spacing.None },
        };

        foreach (var topic in topics)
        {
            var items = new List<CardElement>
            {
                new TextBlock(topic.Title) { Weight = FontWeight.Bolder },
                new TextBlock(topic.Description) { Spacing = Spacing.None },
            };
            if (topic.Buttons.Count > 0)
            {
                items.Add(new ActionSet { Actions = topic.Buttons.ToList(), Spacing = Spacing.Small });
            }
            else if (topic.Command is not null)
            {
                items.Add(new TextBlock($"Type **{topic.Command}**") { IsSubtle = true, Size = FontSize.Small, Spacing = Spacing.None });
            }

            body.Add(new Container { Items = items, Separator = true, Spacing = Spacing.Medium });
        }

        var k = (anonymity?.Value ?? new AnonymityOptions()).MinimumGroupSize;
        body.Add(new TextBlock($"Pulse answers are anonymous: nobody, including HR and executives, can see who answered what, and results of groups smaller than {k} are never shown.")
        {
            IsSubtle = true,
            Size = FontSize.Small,
            Separator = true,
            Spacing = Spacing.Medium,
        });

        var tasks = string.Join("; ", topics.Select(t => t.Title));
        return new AdaptiveCard
        {
            FallbackText = "What I can do for you: " + tasks,
            Speak = $"What I can do for you. {WhoYouAre(caller)} You can: {tasks}.",
            Body = body,
        };
    }

    private static string WhoYouAre(Caller caller) => caller.Person is null
        ? "I can't find you in your organisation's chart yet, so I can only show the basics. HR can add you."
        : $"Hi {caller.FirstName}, your role here: {OrgRoles.Describe(caller.Roles)}.";
}

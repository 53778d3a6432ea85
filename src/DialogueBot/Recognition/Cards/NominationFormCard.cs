using DialogueBot.BotFramework.Cards;
using DialogueBot.Cards;
using DialogueBot.Org;
using DialogueBot.Recognition.Model;
using DialogueBot.Recognition.Nominations;

namespace DialogueBot.Recognition.Cards;

/// <summary>The nomination form: the manager (from the org chart), the kind of win, and the story. Errors are listed at the top.</summary>
public static class NominationFormCard
{
    /// <summary>A compact choice set stays usable up to a few hundred people; a larger org needs a search (Data.Query), not built yet.</summary>
    public const int MaxNominees = 500;

    public static AdaptiveCard Build(IReadOnlyList<OrgPerson> nominees, IReadOnlyList<RecognitionCategory> categories, int maxStoryLength, NominationInput? values = null, IReadOnlyDictionary<string, string[]>? errors = null)
    {
        var body = new List<CardElement>
        {
            new TextBlock("Recognise a manager") { Size = FontSize.Large, Weight = FontWeight.Bolder, Style = TextBlockStyle.Heading },
            new TextBlock("Middle managers absorb a lot and hear little. Tell them, and HR, what they did: a tough transition, someone coached, well-being stood up for, a result. Your name goes with it.") { IsSubtle = true, Spacing = Spacing.None },
        };

        if (errors is { Count: > 0 })
        {
            body.Add(new Container
            {
                Style = ContainerStyle.Attention,
                Items = errors.SelectMany(e => e.Value).Select(m => (CardElement)new TextBlock(CardText.Markdown(m, 300)) { Spacing = Spacing.None }).ToList(),
            });
        }

        body.Add(new InputChoiceSet
        {
            Id = "nomineeId",
            Label = "Who",
            Style = ChoiceInputStyle.Compact,
            IsRequired = true,
            ErrorMessage = "Pick the manager you want to recognise.",
            Placeholder = "Pick a manager",
            Value = values?.NomineeId,
            Choices = nominees.Take(MaxNominees).Select(p => new Choice(CardText.Clean($"{p.Name} ({p.OrgUnit})", 120), p.Id)).ToList(),
        });
        body.Add(new InputChoiceSet
        {
            Id = "category",
            Label = "What kind of win",
            IsRequired = true,
            ErrorMessage = "Pick what kind of win it was.",
            Value = values?.CategoryId,
            Choices = categories.Select(c => new Choice(CardText.Clean(c.Title, 80), c.Id)).ToList(),
        });
        body.Add(new InputText
        {
            Id = "story",
            Label = "What they did, in a few sentences",
            IsMultiline = true,
            IsRequired = true,
            ErrorMessage = "Tell the story in a few sentences.",
            MaxLength = maxStoryLength,
            Value = values?.Story,
            Placeholder = "What happened, what they did, and why it mattered",
        });

        return new AdaptiveCard
        {
            FallbackText = "Recognise a manager",
            Body = body,
            Actions = [new ExecuteAction("Send nomination", RecognitionVerbs.Nominate, new NominateData(values?.SubmitId is { } id && NominationRepository.IsValidSubmitId(id) ? id : NominationRepository.NewSubmitId())) { Style = ActionStyle.Positive }],
        };
    }
}

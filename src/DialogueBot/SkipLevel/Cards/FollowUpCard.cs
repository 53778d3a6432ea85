using DialogueBot.BotFramework.Cards;
using DialogueBot.Cards;
using DialogueBot.Org;
using DialogueBot.SkipLevel.Pairs;

namespace DialogueBot.SkipLevel.Cards;

/// <summary>After the week: did it happen, and one thing you will act on. Only the pair can read the answers.</summary>
public static class FollowUpCard
{
    public const string AnswerVerb = "skiplevel.followup";
    public const string NotesVerb = "skiplevel.notes";

    public static AdaptiveCard Build(SkipLevelPairEntity pair, string viewerSide, OrgPerson? other)
    {
        var otherName = CardText.Markdown(other?.Name ?? "your skip-level partner", 80);
        return new AdaptiveCard
        {
            FallbackText = "Did your skip-level happen?",
            Body =
            [
                new TextBlock($"Did your skip-level with {otherName} happen?") { Size = FontSize.Large, Weight = FontWeight.Bolder, Style = TextBlockStyle.Heading },
                new TextBlock($"It was planned for the {SkipLevelDates.WeekText(pair.WeekDate)}.") { IsSubtle = true, Spacing = Spacing.None },
                new InputChoiceSet
                {
                    Id = "happened",
                    Label = "Did it happen?",
                    IsRequired = true,
                    ErrorMessage = "Say whether it happened.",
                    Style = ChoiceInputStyle.Expanded,
                    Choices = [new Choice("Yes", "yes"), new Choice("No", "no")],
                },
                new InputText
                {
                    Id = "actOn",
                    Label = "One thing you will act on",
                    Placeholder = "Optional",
                    IsMultiline = true,
                    MaxLength = 500,
                },
                new TextBlock($"Only {otherName} and you can read what you write here. HR sees only whether it happened.") { IsSubtle = true, Size = FontSize.Small },
            ],
            Actions =
            [
                new ExecuteAction("Send", AnswerVerb, new FollowUpData(pair.ProgrammeId, pair.Cycle, pair.PairId)) { Style = ActionStyle.Positive },
                new ExecuteAction("Read our notes", NotesVerb, new NotesData(pair.ProgrammeId, pair.Cycle, pair.PairId)) { AssociatedInputs = AssociatedInputs.None },
            ],
        };
    }

    /// <summary>Both sides' follow-ups, for the two of them only (the route checks who asks).</summary>
    public static AdaptiveCard Notes(SkipLevelPairEntity pair, OrgPerson? leader, OrgPerson? manager)
    {
        var body = new List<CardElement>
        {
            new TextBlock("Your skip-level follow-up") { Size = FontSize.Large, Weight = FontWeight.Bolder, Style = TextBlockStyle.Heading },
            new TextBlock($"{CardText.Markdown(leader?.Name ?? pair.LeaderId, 80)} and {CardText.Markdown(manager?.Name ?? pair.ManagerId, 80)}, {SkipLevelDates.WeekText(pair.WeekDate)}.") { IsSubtle = true, Spacing = Spacing.None },
        };
        Side(body, leader?.Name ?? "Leader", pair.LeaderHappened, pair.LeaderFollowUp);
        Side(body, manager?.Name ?? "Manager", pair.ManagerHappened, pair.ManagerFollowUp);
        body.Add(new TextBlock("Visible only to the two of you.") { IsSubtle = true, Size = FontSize.Small, Separator = true });
        return new AdaptiveCard { FallbackText = "Your skip-level follow-up", Body = body };
    }

    private static void Side(List<CardElement> body, string name, string? happened, string? note)
    {
        body.Add(new TextBlock(CardText.Markdown(name, 80)) { Weight = FontWeight.Bolder, Separator = true, Spacing = Spacing.Medium });
        if (happened is null)
        {
            body.Add(new TextBlock("No answer yet.") { IsSubtle = true, Spacing = Spacing.None });
            return;
        }

        body.Add(new TextBlock(happened == "yes" ? "Says it happened." : "Says it did not happen.") { Spacing = Spacing.None });
        if (note is { Length: > 0 })
        {
            body.Add(CardText.User(note, 500, italic: true));
        }
    }
}

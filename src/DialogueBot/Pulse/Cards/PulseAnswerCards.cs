using DialogueBot.BotFramework.Cards;
using DialogueBot.Cards;
using DialogueBot.Pulse.Definitions;
using DialogueBot.Pulse.Model;
using DialogueBot.Pulse.Runs;

namespace DialogueBot.Pulse.Cards;

/// <summary>What replaces the pulse card after a press: thanks, already answered, closed, unknown.</summary>
public static class PulseAnswerCards
{
    public static AdaptiveCard ThankYou(PulseDefinitionEntity definition, PulseRunEntity run, IReadOnlyDictionary<string, string> answers)
    {
        var facts = new List<CardElement>();
        foreach (var question in definition.QuestionList)
        {
            facts.Add(new TextBlock(CardText.Markdown(question.Text, PulseQuestion.MaxQuestionLength)) { Weight = FontWeight.Bolder, Size = FontSize.Small, Spacing = Spacing.Medium });
            facts.Add(answers.TryGetValue(question.Id, out var value) && value.Length > 0
                ? CardText.User(PulseAnswers.Describe(question, value), PulseQuestion.MaxTextLength)
                : new TextBlock("(no answer)") { IsSubtle = true, Size = FontSize.Small, Spacing = Spacing.None });
        }

        return new AdaptiveCard
        {
            FallbackText = $"Thanks for answering {definition.Title}",
            Body =
            [
                new TextBlock("Thank you, your answers are in") { Size = FontSize.Large, Weight = FontWeight.Bolder, Style = TextBlockStyle.Heading, Color = TextColor.Good },
                new TextBlock($"{CardText.Markdown(definition.Title, 120)}: results open when the pulse closes on {PulseQuestionCard.Day(run.ClosesAt)}, and only for groups of 5 or more.") { IsSubtle = true },
                new Container { Style = ContainerStyle.Emphasis, Items = [new TextBlock("What you answered (only you see this card)") { Weight = FontWeight.Bolder }, .. facts] },
                new TextBlock("Your answers were stored without your name or id and with no time of day. You cannot change them: nobody, including us, can tell which answers are yours.") { Size = FontSize.Small, IsSubtle = true },
            ],
        };
    }

    public static AdaptiveCard AlreadyAnswered(PulseDefinitionEntity definition, PulseRunEntity run) => StatusCards.Notice(
        "You have already answered this pulse",
        $"Your answers to \"{CardText.Markdown(definition.Title, 120)}\" were counted once. Results open on {PulseQuestionCard.Day(run.ClosesAt)}.");

    public static AdaptiveCard Closed(PulseDefinitionEntity definition, PulseRunEntity run) => StatusCards.Notice(
        "This pulse is closed",
        $"\"{CardText.Markdown(definition.Title, 120)}\" closed on {PulseQuestionCard.Day(run.ClosesAt)}, so it no longer takes answers.");

    public static AdaptiveCard Unknown() => StatusCards.Problem(
        "This pulse does not exist",
        "The pulse this card belongs to was not found; it may have been removed. Type **help** to see what you can do.");

    public static AdaptiveCard NotInAudience() => StatusCards.Notice(
        "This pulse is not for you",
        "It was sent to a different group of people, so your answer cannot be counted.");
}

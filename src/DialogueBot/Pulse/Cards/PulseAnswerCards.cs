using DialogueBot.BotFramework.Cards;
using DialogueBot.Cards;
using DialogueBot.Pulse.Answering;
using DialogueBot.Pulse.Definitions;
using DialogueBot.Pulse.Model;
using DialogueBot.Pulse.Runs;

namespace DialogueBot.Pulse.Cards;

/// <summary>What replaces the pulse card after a press: thanks, already answered, closed, unknown.</summary>
public static class PulseAnswerCards
{
    /// <summary>The card that says what came of a press: the receipt, the pulse card again (refresh, or to fix answers), or why not.</summary>
    public static AdaptiveCard For(AnswerResult result, int minimumGroupSize, bool refresh = false, PersonTime? time = null) => result switch
    {
        { Outcome: AnswerOutcome.Ready, Definition: { } d, Run: { } r } when refresh => PulseQuestionCard.Build(d, r, minimumGroupSize, reminder: result.Reminder, time: time),
        { Outcome: AnswerOutcome.Ready, Definition: { } d, Run: { } r } => ThankYou(d, r, time is null ? result.Zone : time.Zone, minimumGroupSize, time?.Culture),
        { Outcome: AnswerOutcome.Invalid, Definition: { } d, Run: { } r } => PulseQuestionCard.Build(d, r, minimumGroupSize, result.Values, result.Errors, time: time),
        { Outcome: AnswerOutcome.Stale } => StatusCards.Stale(),
        { Outcome: AnswerOutcome.NotInAudience } => NotInAudience(),
        { Outcome: AnswerOutcome.Closed, Definition: { } d, Run: { } r } => Closed(d, r, time),
        { Outcome: AnswerOutcome.AlreadyAnswered, Definition: { } d, Run: { } r } => AlreadyAnswered(d, r, time),
        _ => Unknown(),
    };

    /// <summary>
    /// The receipt. It repeats none of the answers: this card stays in the person's chat, where Microsoft 365
    /// retention and eDiscovery keep it under their name, so an echo would undo the anonymity of the store.
    /// It says the answer was recorded and when results open, in <paramref name="zone"/> (the person's own
    /// time zone when their client gave it).
    /// </summary>
    public static AdaptiveCard ThankYou(PulseDefinition definition, PulseRun run, TimeZoneInfo zone, int minimumGroupSize, System.Globalization.CultureInfo? culture = null) => new()
    {
        FallbackText = $"Thanks for answering {definition.Title}: your answers were recorded anonymously.",
        Body =
        [
            new TextBlock("Thank you, your answers are in") { Size = FontSize.Large, Weight = FontWeight.Bolder, Style = TextBlockStyle.Heading, Color = TextColor.Good },
            new TextBlock($"Your answers to \"{CardText.Markdown(definition.Title, 120)}\" were recorded anonymously."),
            new TextBlock($"Results open when the pulse closes, on {new PersonTime(zone, culture ?? PersonTime.DefaultCulture).DayAndTime(run.ClosesAt)}, and only for groups of {minimumGroupSize} or more.") { IsSubtle = true },
            new TextBlock("Your answers were stored without your name or id and with no time of day, and this card does not repeat them, so this chat holds no record of what you answered. You cannot change them: nobody, including us, can tell which answers are yours.") { Size = FontSize.Small, IsSubtle = true },
        ],
    };

    public static AdaptiveCard AlreadyAnswered(PulseDefinition definition, PulseRun run, PersonTime? time = null) => StatusCards.Notice(
        "You have already answered this pulse",
        $"Your answers to \"{CardText.Markdown(definition.Title, 120)}\" were counted once. Results open on {(time ?? PersonTime.Utc).Day(run.ClosesAt)}.");

    public static AdaptiveCard Closed(PulseDefinition definition, PulseRun run, PersonTime? time = null) => StatusCards.Notice(
        "This pulse is closed",
        $"\"{CardText.Markdown(definition.Title, 120)}\" closed on {(time ?? PersonTime.Utc).Day(run.ClosesAt)}, so it no longer takes answers.");

    public static AdaptiveCard Unknown() => StatusCards.Problem(
        "This pulse does not exist",
        "The pulse this card belongs to was not found; it may have been removed. Type **help** to see what you can do.");

    public static AdaptiveCard NotInAudience() => StatusCards.Notice(
        "This pulse is not for you",
        "It was sent to a different group of people, so your answer cannot be counted.");

    /// <summary>The card's data could not be read (a forged or broken card): the message names the field.</summary>
    public static AdaptiveCard Unreadable(string error) => StatusCards.Problem(
        "This card could not be read",
        CardText.Markdown(error, 200) + " Type **help** to see what you can do.");
}

using System.Globalization;
using DialogueBot.BotFramework.Cards;
using DialogueBot.Cards;
using DialogueBot.Recognition.Model;
using DialogueBot.Recognition.Nominations;

namespace DialogueBot.Recognition.Cards;

/// <summary>The cards around one nomination: the nominator's receipt, the refusals, and what the nominee and their manager receive.</summary>
public static class NominationCards
{
    private static TextBlock Heading(string text) => new(text) { Size = FontSize.Large, Weight = FontWeight.Bolder, Style = TextBlockStyle.Heading };

    private static ExecuteAction AnotherAction(string title = "Recognise someone else") => new(title, RecognitionVerbs.Form);

    public static string Date(DateTimeOffset at) => at.ToUniversalTime().ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>The nominator's receipt, replacing the form.</summary>
    public static AdaptiveCard Submitted(NominationEntity nomination, string nomineeName, string category, bool managerTold) => new()
    {
        FallbackText = $"Nomination sent: {nomineeName}",
        Body =
        [
            Heading("Nomination sent"),
            new TextBlock($"{CardText.Markdown(nomineeName, 100)} hears about it now, with your name{(managerTold ? ", and so does their manager" : "")}. HR and executives review nominations; featured wins go on the next town hall's board and in the monthly digest.") { Spacing = Spacing.None },
            new FactSet { Facts = [new Fact("Win", CardText.Markdown(category, 80)), new Fact("Sent", Date(nomination.CreatedAt))] },
            CardText.User(nomination.Story, 1000, italic: true),
        ],
        Actions = [AnotherAction()],
    };

    /// <summary>Why a nomination was not taken; the form comes back instead for field errors.</summary>
    public static AdaptiveCard Refused(RecognitionProblem problem, string message) => problem switch
    {
        RecognitionProblem.SelfNomination => StatusCards.Problem("You can't nominate yourself", message, AnotherAction("Recognise a colleague")),
        RecognitionProblem.AlreadyNominated => StatusCards.Notice("Already nominated this month", message, AnotherAction()),
        RecognitionProblem.NotInOrgChart => StatusCards.Problem("I can't find you in the org chart", message),
        RecognitionProblem.NotAllowed => StatusCards.NotAllowed("review nominations"),
        RecognitionProblem.NotFound => StatusCards.Stale(),
        _ => StatusCards.Problem("That did not work", message, AnotherAction("Start again")),
    };

    /// <summary>To the nominee, at once.</summary>
    public static AdaptiveCard ForNominee(NominationEntity nomination, string? nominatorName, string category) => new()
    {
        FallbackText = $"{nominatorName ?? "A colleague"} recognised you",
        Body =
        [
            new TextBlock("Recognition") { IsSubtle = true, Size = FontSize.Small },
            Heading($"{CardText.Markdown(nominatorName ?? "A colleague", 100)} recognised you"),
            new TextBlock($"For: **{CardText.Markdown(category, 80)}**") { Spacing = Spacing.None },
            CardText.User(nomination.Story, 1000, italic: true),
            new TextBlock("Your manager hears about it too. HR may feature it at the next town hall.") { IsSubtle = true, Size = FontSize.Small },
        ],
        Actions = [new ExecuteAction("Recognise someone yourself", RecognitionVerbs.Form)],
    };

    /// <summary>To the nominee's own manager, at once.</summary>
    public static AdaptiveCard ForManager(NominationEntity nomination, string nomineeName, string? nominatorName, string category) => new()
    {
        FallbackText = $"{nomineeName} was recognised",
        Body =
        [
            new TextBlock("Recognition on your team") { IsSubtle = true, Size = FontSize.Small },
            Heading($"{CardText.Markdown(nomineeName, 100)} was recognised"),
            new TextBlock($"{CardText.Markdown(nominatorName ?? "A colleague", 100)} nominated them for **{CardText.Markdown(category, 80)}**.") { Spacing = Spacing.None },
            CardText.User(nomination.Story, 1000, italic: true),
            new TextBlock("A word from you in your next 1:1 makes it count twice.") { IsSubtle = true, Size = FontSize.Small },
        ],
    };
}

using System.Globalization;
using DialogueBot.BotFramework.Cards;
using DialogueBot.Cards;
using DialogueBot.Consultation.Consultations;

namespace DialogueBot.Consultation.Cards;

/// <summary>Pieces every consultation card shares: verbs, the heading, sections of user text, a notice, dates.</summary>
public static class ConsultationCardParts
{
    public const string BriefVerb = "consult.brief";
    public const string RateVerb = "consult.rate";
    public const string RaiseVerb = "consult.raise";
    public const string VoteVerb = "consult.vote";
    public const string VolunteerVerb = "consult.volunteer";
    public const string BoardVerb = "consult.board";
    public const string AnswerVerb = "consult.answer";
    public const string MergeVerb = "consult.merge";
    public const string ResultsVerb = "consult.results";
    public const string EndVerb = "consult.end";
    public const string DecideVerb = "consult.decide";
    public const string FormVerb = "consult.form";
    public const string CreateVerb = "consult.create";

    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("ddd d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static TextBlock Kicker(string text) => new(text) { Size = FontSize.Small, IsSubtle = true, Spacing = Spacing.None };

    public static TextBlock Title(ConsultationRecord consultation) =>
        new(CardText.Markdown(consultation.Title, 120)) { Size = FontSize.Large, Weight = FontWeight.Bolder, Style = TextBlockStyle.Heading };

    /// <summary>A heading and the text typed for it, or nothing when the text is empty.</summary>
    public static IEnumerable<CardElement> Section(string heading, string text)
    {
        if (text.Length == 0)
        {
            yield break;
        }

        yield return new TextBlock(heading) { Weight = FontWeight.Bolder, Spacing = Spacing.Medium };
        yield return CardText.User(text, 2000);
    }

    /// <summary>The sentence a step returned, highlighted (good news, or a problem).</summary>
    public static IEnumerable<CardElement> Notice(string? message, bool problem = false)
    {
        if (string.IsNullOrEmpty(message))
        {
            yield break;
        }

        yield return new Container { Style = problem ? ContainerStyle.Attention : ContainerStyle.Good, Items = [new TextBlock(CardText.Markdown(message, 400))] };
    }
}

using System.Globalization;
using DialogueBot.BotFramework.Cards;
using DialogueBot.Cards;
using DialogueBot.Loop.Commitments;
using DialogueBot.Loop.Figures;

namespace DialogueBot.Loop.Cards;

/// <summary>Follow-through figures for executives and HR: per pulse and town hall (the newest eight), and by month.</summary>
public static class FiguresCard
{
    public const string Verb = "loop.figures";

    public static AdaptiveCard Build(FollowThroughFigures figures)
    {
        var body = new List<CardElement>
        {
            new TextBlock("Follow-through") { Size = FontSize.Large, Weight = FontWeight.Bolder, Style = TextBlockStyle.Heading },
            new TextBlock("How soon leaders shared back what they heard, answered questions and kept their commitments.") { IsSubtle = true, Size = FontSize.Small, Spacing = Spacing.None },
        };
        if (figures.Subjects.Count == 0)
        {
            body.Add(new TextBlock("Nothing has closed yet.") { IsSubtle = true });
        }

        foreach (var s in figures.Subjects.Take(8))
        {
            body.Add(new TextBlock($"{(s.Kind == SubjectKind.Pulse ? "Pulse" : "Town hall")}: {CardText.Markdown(s.Title, 100)}") { Weight = FontWeight.Bolder, Spacing = Spacing.Medium, Separator = true });
            body.Add(new FactSet
            {
                Facts =
                [
                    new("Summary", s.HoursToSummary is { } h ? $"{Hours(h)} after the close" : "not published yet"),
                    new("Questions answered", s.QuestionsAsked == 0 ? "none to answer" : $"{s.QuestionsAnswered} of {s.QuestionsAsked} ({Percent(s.AnsweredShare)})" + (s.MedianHoursToAnswer is { } m ? $" · median {Hours(m)}" : "")),
                    new("Actions", s.Actions == 0 ? "none" : $"{s.ActionsDone} of {s.Actions} done · {s.ActionsDoneOnTime} on time ({Percent(s.OnTimeShare)})" + (s.ActionsOverdue > 0 ? $" · {s.ActionsOverdue} overdue" : "")),
                ],
            });
        }

        if (figures.Months.Count > 0)
        {
            body.Add(new TextBlock("Over time") { Weight = FontWeight.Bolder, Spacing = Spacing.Large, Separator = true });
            body.Add(new FactSet
            {
                Facts = figures.Months.Select(m => new Fact(m.Month, $"{m.Summaries}/{m.Subjects} summaries" + (m.MedianHoursToSummary is { } h ? $" (median {Hours(h)})" : "") + $" · answered {Percent(m.AnsweredShare)} · on time {Percent(m.OnTimeShare)}")).ToList(),
            });
        }

        return new AdaptiveCard { FallbackText = "Follow-through figures", Body = body, Actions = [new ExecuteAction("Refresh", Verb, new FiguresData())] };
    }

    private static string Hours(double hours) => hours < 48 ? $"{hours.ToString("0.#", CultureInfo.InvariantCulture)} h" : $"{(hours / 24).ToString("0.#", CultureInfo.InvariantCulture)} days";

    private static string Percent(double? share) => share is { } s ? s.ToString("0.#", CultureInfo.InvariantCulture) + "%" : "–";
}

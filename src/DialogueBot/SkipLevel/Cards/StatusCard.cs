using System.Globalization;
using DialogueBot.BotFramework.Cards;
using DialogueBot.Cards;
using DialogueBot.SkipLevel.Pairs;
using DialogueBot.SkipLevel.Programmes;

namespace DialogueBot.SkipLevel.Cards;

/// <summary>HR's view: completion per programme and leader, and the overdue pairs.</summary>
public static class StatusCard
{
    public const string StatusVerb = "skiplevel.status";
    public const int MaxRows = 15;

    public static AdaptiveCard Build(IReadOnlyList<ProgrammeStatus> programmes)
    {
        var body = new List<CardElement>
        {
            new TextBlock("Skip-level programmes") { Size = FontSize.Large, Weight = FontWeight.Bolder, Style = TextBlockStyle.Heading },
        };

        if (programmes.Count == 0)
        {
            body.Add(new TextBlock("No programmes yet. Type `skip-level new` to set one up.") { IsSubtle = true });
        }

        foreach (var programme in programmes)
        {
            body.Add(new TextBlock(CardText.Markdown(programme.Name, 100)) { Weight = FontWeight.Bolder, Size = FontSize.Medium, Separator = true, Spacing = Spacing.Medium });
            body.Add(new FactSet
            {
                Facts =
                [
                    new Fact("Cycle", programme.State == ProgrammeState.Draft ? "not launched" : programme.LaunchedCycle.ToString(CultureInfo.InvariantCulture)),
                    new Fact("Completion", $"{Percent(programme.CompletionRate)} ({programme.Done} of {programme.Pairs} met)"),
                    new Fact("Open", $"{programme.Open} · declined {programme.Declined} · missed {programme.Missed}"),
                    new Fact("Overdue", programme.Overdue.Count.ToString(CultureInfo.InvariantCulture)),
                ],
            });
            if (programme.Leaders.Count > 0)
            {
                body.Add(new TextBlock("By leader") { Weight = FontWeight.Bolder, Spacing = Spacing.Small });
                body.Add(new FactSet
                {
                    Facts = programme.Leaders.Take(MaxRows).Select(l => new Fact(CardText.Markdown(l.LeaderName, 60), $"{Percent(l.CompletionRate)} ({l.Done} of {l.Pairs}){(l.Overdue > 0 ? $", {l.Overdue} overdue" : "")}")).ToList(),
                });
            }

            if (programme.Overdue.Count > 0)
            {
                body.Add(new TextBlock("Overdue") { Weight = FontWeight.Bolder, Color = TextColor.Attention, Spacing = Spacing.Small });
                body.Add(new FactSet
                {
                    Facts = programme.Overdue.Take(MaxRows).Select(o => new Fact(CardText.Markdown(o.LeaderName, 60), $"{CardText.Markdown(o.ManagerName, 60)}, {SkipLevelDates.WeekText(DateOnly.ParseExact(o.Week, "yyyy-MM-dd", CultureInfo.InvariantCulture))} ({PairStates.ToStored(o.State)})")).ToList(),
                });
            }

            body.Add(new TextBlock("Every pair, with its state, is in the programme's status export (CSV).") { IsSubtle = true, Size = FontSize.Small });
            body.Add(new ActionSet { Actions = [new ExecuteAction(programme.State == ProgrammeState.Draft ? "Preview and launch" : "Preview next cycle", PreviewCard.PreviewVerb, new PreviewData(programme.ProgrammeId))] });
        }

        return new AdaptiveCard
        {
            FallbackText = "Skip-level programmes",
            Body = body,
            Actions = [new ExecuteAction("New programme", ProgrammeFormCard.OpenVerb), new ExecuteAction("Refresh", StatusVerb)],
        };
    }

    private static string Percent(double rate) => (rate * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
}

using DialogueBot.BotFramework.Cards;
using DialogueBot.Cards;
using DialogueBot.Insights;
using DialogueBot.Org;
using DialogueBot.Recognition.Model;
using DialogueBot.Recognition.Nominations;

namespace DialogueBot.Recognition.Cards;

/// <summary>What managers told the organisation, org-wide and only what passed the anonymity threshold.</summary>
public sealed record HeardFromManagers(IReadOnlyList<PulseTheme> Themes, IReadOnlyList<OpenQuestion> Questions)
{
    public static HeardFromManagers Nothing { get; } = new([], []);

    public bool IsEmpty => Themes.Count == 0 && Questions.Count == 0;
}

/// <summary>The monthly digest: the month's featured wins, then "what we heard from managers".</summary>
public static class DigestCard
{
    public const int MaxWins = 10;

    public static IReadOnlyList<FeaturedWin> WinsOf(IEnumerable<NominationEntity> featured, OrgSnapshot org, RecognitionOptions options) =>
        featured.Select(n => new FeaturedWin(
            org.FindById(n.NomineeId)?.Name ?? "A former colleague",
            org.FindById(n.NomineeId)?.OrgUnit ?? "",
            options.TitleOf(n.CategoryId),
            n.Story,
            org.FindById(n.NominatorId)?.Name ?? "a former colleague",
            n.FeaturedAt ?? n.CreatedAt)).ToList();

    public static AdaptiveCard Build(string month, IReadOnlyList<FeaturedWin> wins, HeardFromManagers heard)
    {
        var body = new List<CardElement>
        {
            new TextBlock("Recognition digest") { IsSubtle = true, Size = FontSize.Small },
            new TextBlock($"Managers' wins, {RecognitionCalendar.Describe(month)}") { Size = FontSize.Large, Weight = FontWeight.Bolder, Style = TextBlockStyle.Heading },
            new TextBlock("Colleagues nominated these managers; HR and the leadership team chose to feature them.") { IsSubtle = true, Spacing = Spacing.None },
        };
        body.AddRange(wins.Take(MaxWins).Select(WinBlock));

        if (!heard.IsEmpty)
        {
            body.Add(new TextBlock("What we heard from managers") { Weight = FontWeight.Bolder, Size = FontSize.Medium, Spacing = Spacing.Large, Separator = true });
            body.Add(new TextBlock("From pulses and town-hall questions, across the organisation: only results from groups large enough to stay anonymous.") { IsSubtle = true, Size = FontSize.Small, Spacing = Spacing.None });
            foreach (var theme in heard.Themes)
            {
                body.Add(new TextBlock($"**{CardText.Markdown(theme.Question, 150)}** {CardText.Markdown(theme.Summary, 100)}") { Size = FontSize.Small });
            }

            foreach (var question in heard.Questions)
            {
                body.Add(new TextBlock($"Asked for {CardText.Markdown(question.TownHallTitle, 80)} ({question.Votes} votes):") { Size = FontSize.Small, IsSubtle = true });
                body.Add(CardText.User(question.Text, 300));
            }
        }

        return new AdaptiveCard
        {
            FallbackText = $"Recognition digest: {wins.Count} managers' wins, {RecognitionCalendar.Describe(month)}",
            Body = body,
            Actions = [new ExecuteAction("Recognise a manager", RecognitionVerbs.Form)],
        };
    }

    /// <summary>One win, as the digest and the town-hall summary show it.</summary>
    public static Container WinBlock(FeaturedWin win) => new()
    {
        Separator = true,
        Spacing = Spacing.Medium,
        Items =
        [
            new TextBlock($"{CardText.Markdown(win.ManagerName, 100)} · {CardText.Markdown(win.Category, 80)}") { Weight = FontWeight.Bolder },
            new TextBlock($"{CardText.Markdown(win.OrgUnit, 80)} · nominated by {CardText.Markdown(win.NominatedBy, 100)}") { IsSubtle = true, Size = FontSize.Small, Spacing = Spacing.None },
            CardText.User(win.Story, 600),
        ],
    };
}

using System.Globalization;
using DialogueBot.BotFramework.Cards;
using DialogueBot.Cards;
using DialogueBot.Org;
using DialogueBot.Recognition.Model;
using DialogueBot.Recognition.Nominations;

namespace DialogueBot.Recognition.Cards;

/// <summary>HR's and executives' cards: the review queue with the overview, and the decline form.</summary>
public static class ReviewCards
{
    public const int PageSize = 5;
    public const int MaxOverlookedNames = 20;

    private static TextBlock Heading(string text) => new(text) { Size = FontSize.Large, Weight = FontWeight.Bolder, Style = TextBlockStyle.Heading };

    private static TextBlock Section(string text) => new(text) { Weight = FontWeight.Bolder, Size = FontSize.Medium, Spacing = Spacing.Medium, Separator = true };

    /// <summary>The pending nominations (a page of them), then counts by unit and level and the managers never recognised.</summary>
    /// <param name="notice">What the last press did, shown at the top (or null).</param>
    public static AdaptiveCard Queue(IReadOnlyList<NominationEntity> pending, RecognitionOverview overview, OrgSnapshot org, RecognitionOptions options, int page = 0, string? notice = null)
    {
        var pages = Math.Max(1, (pending.Count + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 0, pages - 1);
        var body = new List<CardElement>
        {
            new TextBlock("Recognition") { IsSubtle = true, Size = FontSize.Small },
            Heading("Nominations to review"),
            new TextBlock(pending.Count == 0 ? "Nothing waiting: every nomination has been reviewed." : $"{Count(pending.Count, "nomination")} waiting. Approve keeps it; feature also puts it on the next town hall's board and in the monthly digest.") { Spacing = Spacing.None },
        };
        if (notice is not null)
        {
            body.Insert(2, new TextBlock(CardText.Markdown(notice, 300)) { Color = TextColor.Accent, Weight = FontWeight.Bolder });
        }

        foreach (var nomination in pending.Skip(page * PageSize).Take(PageSize))
        {
            body.Add(Item(nomination, org, options));
        }

        body.Add(Section("Across the organisation"));
        body.Add(new TextBlock(string.Join(" · ", overview.ByState.Select(s => $"{s.State}: {s.Count.ToString(CultureInfo.InvariantCulture)}"))) { IsSubtle = true, Size = FontSize.Small, Spacing = Spacing.None });
        if (overview.ByUnit.Count > 0)
        {
            body.Add(new FactSet { Facts = overview.ByUnit.Take(8).Select(u => new Fact(CardText.Markdown(u.Unit.Length == 0 ? "(no unit)" : u.Unit, 60), $"{Count(u.Nominations, "nomination")}, {Count(u.People, "manager")}")).ToList() });
        }

        if (overview.ByLevel.Count > 0)
        {
            body.Add(new FactSet { Facts = overview.ByLevel.Select(l => new Fact($"Level {l.Level.ToString(CultureInfo.InvariantCulture)}", Count(l.Nominations, "nomination"))).ToList() });
        }

        body.Add(Section($"Never recognised ({overview.NeverRecognised.Count} of {overview.Managers} managers)"));
        body.Add(new TextBlock(overview.NeverRecognised.Count == 0
            ? "Every manager has been recognised at least once."
            : string.Join(", ", overview.NeverRecognised.Take(MaxOverlookedNames).Select(m => CardText.Markdown($"{m.Name} ({m.OrgUnit})", 100)))
              + (overview.NeverRecognised.Count > MaxOverlookedNames ? $" and {overview.NeverRecognised.Count - MaxOverlookedNames} more (see the Recognition tab)." : ""))
        { Size = FontSize.Small, Spacing = Spacing.None });

        var actions = new List<CardAction>();
        if (page + 1 < pages)
        {
            actions.Add(new ExecuteAction("Next page", RecognitionVerbs.Queue, new QueueData(page + 1)));
        }

        actions.Add(new ExecuteAction("Refresh", RecognitionVerbs.Queue, new QueueData(page)));
        return new AdaptiveCard { FallbackText = $"Recognition: {pending.Count} nominations to review", Body = body, Actions = actions };
    }

    private static Container Item(NominationEntity n, OrgSnapshot org, RecognitionOptions options)
    {
        var nominee = org.FindById(n.NomineeId);
        return new Container
        {
            Separator = true,
            Spacing = Spacing.Medium,
            Items =
            [
                new TextBlock($"{CardText.Markdown(nominee?.Name ?? "A former colleague", 100)} · {CardText.Markdown(options.TitleOf(n.CategoryId), 80)}") { Weight = FontWeight.Bolder },
                new TextBlock($"{CardText.Markdown(nominee?.OrgUnit ?? "", 80)} · nominated by {CardText.Markdown(org.FindById(n.NominatorId)?.Name ?? "a former colleague", 100)} on {NominationCards.Date(n.CreatedAt)}") { IsSubtle = true, Size = FontSize.Small, Spacing = Spacing.None },
                CardText.User(n.Story, 600),
                new ActionSet
                {
                    Actions =
                    [
                        new ExecuteAction("Approve", RecognitionVerbs.Review, new ReviewData(n.Id, ReviewAction.Approve)),
                        new ExecuteAction("Feature", RecognitionVerbs.Review, new ReviewData(n.Id, ReviewAction.Feature)) { Style = ActionStyle.Positive },
                        new ExecuteAction("Decline…", RecognitionVerbs.DeclineForm, new DeclineFormData(n.Id)),
                    ],
                },
            ],
        };
    }

    /// <summary>Asks the reason before declining (kept with the nomination; the nominee is not told).</summary>
    public static AdaptiveCard DeclineForm(NominationEntity n, OrgSnapshot org, RecognitionOptions options, string? error = null)
    {
        var body = new List<CardElement>
        {
            Heading("Decline this nomination"),
            new TextBlock($"{CardText.Markdown(org.FindById(n.NomineeId)?.Name ?? "A former colleague", 100)} · {CardText.Markdown(options.TitleOf(n.CategoryId), 80)}") { Weight = FontWeight.Bolder },
            CardText.User(n.Story, 600, subtle: true),
        };
        if (error is not null)
        {
            body.Add(new Container { Style = ContainerStyle.Attention, Items = [new TextBlock(CardText.Markdown(error, 300))] });
        }

        body.Add(new InputText { Id = "reason", Label = "Why (kept with the nomination)", IsRequired = true, ErrorMessage = "Give a reason.", MaxLength = NominationReview.MaxReasonLength, IsMultiline = true });
        return new AdaptiveCard
        {
            FallbackText = "Decline this nomination",
            Body = body,
            Actions =
            [
                new ExecuteAction("Decline", RecognitionVerbs.Review, new ReviewData(n.Id, ReviewAction.Decline)) { Style = ActionStyle.Destructive },
                new ExecuteAction("Back to the queue", RecognitionVerbs.Queue, new QueueData()),
            ],
        };
    }

    private static string Count(int n, string noun) => $"{n.ToString(CultureInfo.InvariantCulture)} {noun}{(n == 1 ? "" : "s")}";
}

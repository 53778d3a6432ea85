using System.Globalization;
using System.Text.Json;
using DialogueBot.BotFramework.Cards;
using DialogueBot.Cards;

namespace DialogueBot.Org.Graph;

/// <summary>The data of both review verbs: which proposal the card shows.</summary>
public sealed record GraphReviewData(string ProposalId);

/// <summary>A few names per kind of change, kept with the proposal so the card needs no second read of the directory.</summary>
public sealed record GraphProposalExamples(IReadOnlyList<string> Joined, IReadOnlyList<string> Left, IReadOnlyList<string> Moved)
{
    public static string Write(OrgChartDiff diff, int count) => JsonSerializer.Serialize(new GraphProposalExamples(
        diff.Joined.Take(count).Select(p => p.Name).ToList(),
        diff.Left.Take(count).Select(p => p.Name).ToList(),
        diff.Moved.Take(count).Select(p => p.Name).ToList()));

    public static GraphProposalExamples Read(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<GraphProposalExamples>(json) ?? new([], [], []);
        }
        catch (JsonException)
        {
            return new([], [], []);
        }
    }
}

/// <summary>HR's review of a sync that waits for approval: "12 joined, 3 left, 5 moved", a few names, apply or not now.</summary>
public static class GraphReviewCard
{
    public const string ApproveVerb = "org.graph.approve";
    public const string RejectVerb = "org.graph.reject";

    public static string Summary(int joined, int left, int moved) =>
        string.Create(CultureInfo.InvariantCulture, $"{joined} joined, {left} left, {moved} moved");

    public static AdaptiveCard Build(GraphSyncStateEntity proposal, bool firstImport)
    {
        var examples = GraphProposalExamples.Read(proposal.Examples);
        var summary = Summary(proposal.Joined, proposal.Left, proposal.Moved);
        var facts = new List<Fact>();
        AddExamples(facts, "Joined", examples.Joined, proposal.Joined);
        AddExamples(facts, "Left", examples.Left, proposal.Left);
        AddExamples(facts, "Moved", examples.Moved, proposal.Moved);

        var data = new GraphReviewData(proposal.ProposalId);
        var body = new List<CardElement>
        {
            new TextBlock(firstImport ? "First org chart from Entra ID" : "Org chart update from Entra ID") { Weight = FontWeight.Bolder, Size = FontSize.Medium, Style = TextBlockStyle.Heading },
            new TextBlock(summary) { Weight = FontWeight.Bolder },
            new TextBlock(string.Create(CultureInfo.InvariantCulture, $"The chart would hold {proposal.People} people ({proposal.Changed} more have changed details). ")
                + (firstImport ? "Nothing is applied before HR approves the first sync." : "This changes more of the organisation than applies without a review."))
            { IsSubtle = true },
        };
        if (facts.Count > 0)
        {
            body.Add(new FactSet { Facts = facts });
        }

        return new AdaptiveCard
        {
            FallbackText = $"Org chart from Entra ID: {summary}. Open the card to apply it.",
            Body = body,
            Actions =
            [
                new ExecuteAction("Apply", ApproveVerb, data) { Style = ActionStyle.Positive },
                new ExecuteAction("Not now", RejectVerb, data),
            ],
        };
    }

    public static AdaptiveCard Applied(OrgChartDiff? diff) => StatusCards.Notice(
        "Org chart updated",
        diff is null ? "The chart from Entra ID is in force." : $"The chart from Entra ID is in force: {Summary(diff.Joined.Count, diff.Left.Count, diff.Moved.Count)}; {diff.People} people.");

    public static AdaptiveCard Rejected() => StatusCards.Notice(
        "Not applied",
        "The chart in force stays. The next sync proposes the changes again; fix them in Entra ID, or apply them then.");

    private static void AddExamples(List<Fact> facts, string title, IReadOnlyList<string> names, int total)
    {
        if (names.Count == 0)
        {
            return;
        }

        var shown = string.Join(", ", names.Select(n => CardText.Markdown(n, 80)));
        facts.Add(new Fact(title, total > names.Count ? string.Create(CultureInfo.InvariantCulture, $"{shown} and {total - names.Count} more") : shown));
    }
}

using System.Net;
using DialogueBot.Conversations;
using DialogueBot.Org;
using DialogueBot.Org.Graph;
using DialogueBot.Testing;

namespace DialogueBot.Tests.Org.Graph;

/// <summary>The review cards in the catalog (schema-validated), and Graph staying off unless configured.</summary>
public sealed class GraphCardAndSwitchTests
{
    [Fact]
    public void The_review_cards_are_valid_Adaptive_Cards()
    {
        var diff = OrgChartDiff.Compute(
            [new OrgPerson { Id = "a", Name = "Ann" }, new OrgPerson { Id = "b", Name = "Ben", ManagerId = "a" }],
            [new OrgPerson { Id = "a", Name = "Ann" }, new OrgPerson { Id = "c", Name = "Cal {{DATE(2026-01-01)}} *bold*", ManagerId = "a" }]);
        var proposal = new GraphSyncStateEntity { ProposalId = "gp0123", Joined = 12, Left = 3, Moved = 5, Changed = 2, People = 120, Examples = GraphProposalExamples.Write(diff, 5) };

        CardCatalog.Save("org-graph-review", GraphReviewCard.Build(proposal, firstImport: false));
        CardCatalog.Save("org-graph-review-first", GraphReviewCard.Build(proposal, firstImport: true));
        CardCatalog.Save("org-graph-applied", GraphReviewCard.Applied(diff));
        CardCatalog.Save("org-graph-rejected", GraphReviewCard.Rejected());

        var text = DialogueBot.BotFramework.Schema.BotJson.Serialize(GraphReviewCard.Build(proposal, firstImport: false));
        Assert.Contains("12 joined, 3 left, 5 moved", text, StringComparison.Ordinal);
        Assert.DoesNotContain("{{DATE", text, StringComparison.Ordinal); // defused with a zero-width space
    }

    [Fact]
    public async Task Without_Graph_settings_nothing_of_Graph_runs_and_nobody_is_installed_for()
    {
        await using var bot = await BotAppFactory.StartAsync(new BotAppOptions { SeedDemoOrg = false, Settings = new Dictionary<string, string?> { ["Demo:Enabled"] = "false" } });

        Assert.IsType<NoProactiveInstaller>(bot.Service<IProactiveInstaller>());
        using var client = bot.CreateClient();
        using var response = await client.GetAsync("/api/org/graph/status");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

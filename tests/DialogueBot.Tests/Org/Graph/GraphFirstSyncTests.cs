using DialogueBot.Org;
using DialogueBot.Org.Graph;
using DialogueBot.Testing;

namespace DialogueBot.Tests.Org.Graph;

/// <summary>
/// The first sync, through the real pipeline: the scheduled sync reads Entra ID, nothing is applied, and
/// HR (installed for proactively, since nobody has opened the bot yet) gets the review card; only HR's
/// press applies it.
/// </summary>
public sealed class GraphFirstSyncTests : GraphTest
{
    protected override bool ScheduleSync => true;

    [Fact]
    public async Task The_first_sync_waits_for_HR_who_gets_the_review_card_and_only_HR_can_apply_it()
    {
        var hana = UserOf(2);
        var card = await Connector.WaitForAsync(a => a.ConversationId == GraphStub.ChatIdOf(hana.AadObjectId), TimeSpan.FromSeconds(30));
        Assert.Contains("First org chart from Entra ID", card.CardText);
        Assert.Contains("10 joined, 0 left, 0 moved", card.CardText);
        Assert.True(Graph.Installed.ContainsKey(hana.AadObjectId), "HR never opened the bot: the app was installed for them");
        Assert.True((await ChartAsync()).IsEmpty, "nothing applies before HR approves the first sync");
        Assert.Empty(Connector.CardSchemaErrors);

        var proposalId = ProposalIdOf(card);
        var byEngineer = await Bot.InvokeCardAsync(UserOf(4).Execute(GraphReviewCard.ApproveVerb, new { proposalId }));
        Assert.Contains("Not available to you", TextOf(byEngineer));
        Assert.True((await ChartAsync()).IsEmpty, "an engineer's press changes nothing");

        var byHr = await Bot.InvokeCardAsync(hana.Execute(GraphReviewCard.ApproveVerb, new { proposalId }));
        Assert.Contains("Org chart updated", TextOf(byHr));

        var chart = await ChartAsync();
        Assert.Equal(10, chart.People.Count);
        var cleo = chart.FindByAadObjectId(GraphTenants.IdOf(1))!;
        Assert.Equal(OrgRole.Executive | OrgRole.Manager, cleo.Roles);
        Assert.Equal(1, cleo.Level);
        Assert.True(chart.FindByAadObjectId(GraphTenants.IdOf(2))!.Roles.HasFlag(OrgRole.HR));
        var ada = chart.FindByAadObjectId(GraphTenants.IdOf(4))!;
        Assert.Equal(("Engineering", 3, OrgRole.None), (ada.OrgUnit, ada.Level, ada.Roles));
        Assert.Equal(chart.FindByAadObjectId(GraphTenants.IdOf(3))!.Id, ada.ManagerId);

        var again = await Bot.InvokeCardAsync(hana.Execute(GraphReviewCard.ApproveVerb, new { proposalId }));
        Assert.Contains("out of date", TextOf(again));
    }

    [Fact]
    public async Task A_forged_or_empty_review_press_gets_a_clear_card_not_an_error()
    {
        var hana = UserOf(2);
        await Connector.WaitForAsync(a => a.ConversationId == GraphStub.ChatIdOf(hana.AadObjectId), TimeSpan.FromSeconds(30));

        var empty = await Bot.InvokeCardAsync(hana.Execute(GraphReviewCard.ApproveVerb, new { }));
        Assert.Contains("proposalId", TextOf(empty));
        var forged = await Bot.InvokeCardAsync(hana.Execute(GraphReviewCard.ApproveVerb, new { proposalId = "gp-not-a-proposal" }));
        Assert.Contains("out of date", TextOf(forged));
        Assert.True((await ChartAsync()).IsEmpty);
    }
}

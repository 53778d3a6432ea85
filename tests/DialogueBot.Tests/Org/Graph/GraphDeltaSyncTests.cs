using System.Net;
using DialogueBot.Org;
using DialogueBot.Org.Graph;
using DialogueBot.Testing;

namespace DialogueBot.Tests.Org.Graph;

/// <summary>Syncs after the first: changes only (the kept deltaLink), joiners, leavers and movers, the review threshold, outages.</summary>
public sealed class GraphDeltaSyncTests : GraphTest
{
    protected override IDictionary<string, string?> MoreSettings => new Dictionary<string, string?> { ["Graph:ApprovalThreshold"] = "0.4" };

    [Fact]
    public async Task A_delta_with_joiners_leavers_and_movers_under_the_threshold_applies_at_once()
    {
        Graph.PageSize = 4; // the first read takes three pages
        var before = await ApplyFirstSyncAsync();
        Assert.Equal(3, Graph.CountRequests("/users/delta"));

        Graph.AddUsers(new StubUser(GraphTenants.IdOf(11), "Gil Newhire", "gil@contoso.test", "Engineering", "Engineer", GraphTenants.IdOf(3)));
        Graph.RemoveUser(GraphTenants.IdOf(9));                                                              // Eve leaves
        Graph.UpdateUser(GraphTenants.IdOf(6), u => u with { ManagerId = GraphTenants.IdOf(7), Department = "Sales" }); // Cy moves to Sales
        Graph.UpdateUser(GraphTenants.IdOf(8), u => u with { AccountEnabled = false });                      // Dee's account is disabled
        Graph.UpdateUser(GraphTenants.IdOf(5), u => u with { DisplayName = "Bo Builder-Smith" });             // a detail only

        var requestsBefore = Graph.Requests.Count;
        var result = await Sync.SyncAsync(CancellationToken.None);

        Assert.Equal(GraphSyncOutcome.Applied, result.Outcome);
        Assert.Equal((1, 2, 1, 1), (result.Diff!.Joined.Count, result.Diff.Left.Count, result.Diff.Moved.Count, result.Diff.Changed));
        var deltaCalls = Graph.Requests.Skip(requestsBefore).Where(r => r.Path.EndsWith("/users/delta", StringComparison.Ordinal)).ToList();
        Assert.All(deltaCalls, r => Assert.DoesNotContain("$select", r.Query, StringComparison.Ordinal)); // only the kept links
        Assert.Contains("$deltatoken", deltaCalls[0].Query, StringComparison.Ordinal);

        var after = await ChartAsync();
        Assert.NotEqual(before.Version, after.Version);
        Assert.Equal(9, after.People.Count);
        Assert.Null(after.FindByAadObjectId(GraphTenants.IdOf(9)));
        Assert.Null(after.FindByAadObjectId(GraphTenants.IdOf(8)));
        var cy = after.FindByAadObjectId(GraphTenants.IdOf(6))!;
        Assert.Equal(("Sales", after.FindByAadObjectId(GraphTenants.IdOf(7))!.Id), (cy.OrgUnit, cy.ManagerId));
        Assert.Equal("Bo Builder-Smith", after.FindByAadObjectId(GraphTenants.IdOf(5))!.Name);
        Assert.Equal(3, after.FindByAadObjectId(GraphTenants.IdOf(11))!.Level);

        var quiet = await Sync.SyncAsync(CancellationToken.None);
        Assert.Equal(GraphSyncOutcome.Unchanged, quiet.Outcome);
        Assert.Equal(after.Version, (await ChartAsync()).Version);
    }

    [Fact]
    public async Task A_sync_changing_more_than_the_threshold_waits_for_HR_and_the_chart_in_force_stays()
    {
        var before = await ApplyFirstSyncAsync();
        Graph.AddUsers(Enumerable.Range(20, 5).Select(n => new StubUser(GraphTenants.IdOf(n), $"Joiner {n}", $"j{n}@contoso.test", "Sales", "Seller", GraphTenants.IdOf(7))));

        var result = await Sync.SyncAsync(CancellationToken.None);

        Assert.Equal(GraphSyncOutcome.AwaitingApproval, result.Outcome);
        var card = await Connector.WaitForAsync(a => a.CardText.Contains("5 joined, 0 left, 0 moved", StringComparison.Ordinal), TimeSpan.FromSeconds(20));
        Assert.Equal(GraphStub.ChatIdOf(GraphTenants.IdOf(2)), card.ConversationId);
        Assert.Contains("Org chart update from Entra ID", card.CardText);
        Assert.Equal(before.Version, (await ChartAsync()).Version);

        // The next scheduled sync finds the same change: the proposal and its card stay, HR is not asked twice.
        var again = await Sync.SyncAsync(CancellationToken.None);
        Assert.Equal(result.ProposalId, again.ProposalId);

        var rejected = await Sync.RejectAsync(result.ProposalId!, GraphTenants.IdOf(2), CancellationToken.None);
        Assert.Equal(GraphReviewOutcome.Rejected, rejected.Outcome);
        Assert.Equal(before.Version, (await ChartAsync()).Version);
        Assert.Equal(GraphReviewOutcome.Stale, (await Sync.ApproveAsync(result.ProposalId!, GraphTenants.IdOf(2), CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task Once_a_chart_is_in_force_only_its_HR_may_approve_not_a_member_of_the_HR_group_alone()
    {
        await ApplyFirstSyncAsync();
        Graph.AddUsers(Enumerable.Range(20, 5).Select(n => new StubUser(GraphTenants.IdOf(n), $"Joiner {n}", null, "Sales", null, GraphTenants.IdOf(7))));
        var result = await Sync.SyncAsync(CancellationToken.None);

        Assert.Equal(GraphReviewOutcome.NotAllowed, (await Sync.ApproveAsync(result.ProposalId!, GraphTenants.IdOf(1), CancellationToken.None)).Outcome);
        Assert.Equal(GraphReviewOutcome.NotAllowed, (await Sync.ApproveAsync(result.ProposalId!, GraphTenants.IdOf(20), CancellationToken.None)).Outcome);
        Assert.Equal(GraphReviewOutcome.Applied, (await Sync.ApproveAsync(result.ProposalId!, GraphTenants.IdOf(2), CancellationToken.None)).Outcome);
        Assert.Equal(15, (await ChartAsync()).People.Count);
    }

    [Fact]
    public async Task A_Graph_outage_mid_sync_leaves_the_previous_chart_and_the_next_sync_reads_the_same_changes()
    {
        Graph.PageSize = 2;
        var before = await ApplyFirstSyncAsync();
        Graph.RemoveUser(GraphTenants.IdOf(10));
        Graph.UpdateUser(GraphTenants.IdOf(4), u => u with { ManagerId = GraphTenants.IdOf(7) });
        Graph.UpdateUser(GraphTenants.IdOf(5), u => u with { JobTitle = "Staff engineer" });

        Graph.OutageAfter(1); // the first page of changes arrives, the second does not
        var failure = await Assert.ThrowsAsync<GraphUnavailableException>(() => Sync.SyncAsync(CancellationToken.None));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failure.Status);
        Assert.Equal(before.Version, (await ChartAsync()).Version);
        Assert.Equal(10, (await ChartAsync()).People.Count);

        Graph.EndOutage();
        var result = await Sync.SyncAsync(CancellationToken.None);
        Assert.Equal(GraphSyncOutcome.Applied, result.Outcome);
        Assert.Equal((0, 1, 1), (result.Diff!.Joined.Count, result.Diff.Left.Count, result.Diff.Moved.Count));
        Assert.Null((await ChartAsync()).FindByAadObjectId(GraphTenants.IdOf(10)));
    }

    [Fact]
    public async Task Throttling_is_waited_out_with_Retry_After_and_the_sync_completes()
    {
        await ApplyFirstSyncAsync();
        Graph.UpdateUser(GraphTenants.IdOf(4), u => u with { ManagerId = GraphTenants.IdOf(7) });
        Graph.FailNext(2, HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(1), pathContains: "/users/delta");

        var requestsBefore = Graph.Requests.Count;
        var result = await Sync.SyncAsync(CancellationToken.None);

        Assert.Equal(GraphSyncOutcome.Applied, result.Outcome);
        var deltaCalls = Graph.Requests.Skip(requestsBefore).Where(r => r.Path.EndsWith("/users/delta", StringComparison.Ordinal)).OrderBy(r => r.At).ToList();
        Assert.Equal(3, deltaCalls.Count);
        Assert.True(deltaCalls[2].At - deltaCalls[0].At >= TimeSpan.FromSeconds(1.9), "each 429's Retry-After was honoured");
    }

    [Fact]
    public async Task Throttling_past_the_patience_of_one_request_fails_the_sync_whole_and_the_work_item_retries_later()
    {
        var before = await ApplyFirstSyncAsync();
        Graph.UpdateUser(GraphTenants.IdOf(4), u => u with { ManagerId = GraphTenants.IdOf(7) });
        Graph.FailNext(1, HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(120), pathContains: "/users/delta");

        var failure = await Assert.ThrowsAsync<GraphUnavailableException>(() => Sync.SyncAsync(CancellationToken.None));
        Assert.Equal(TimeSpan.FromSeconds(120), failure.RetryAfter);
        Assert.Equal(before.Version, (await ChartAsync()).Version);
    }
}

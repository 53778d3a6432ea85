using System.Net;
using System.Text.Json;
using DialogueBot.Org.Graph;
using DialogueBot.Testing;
using DialogueBot.Tests.Org.Graph;

namespace DialogueBot.Tests.Manage;

/// <summary>
/// The management tab's Apply / Not now on a proposal waiting for HR: the same service decision as the
/// review card, HR only (before the first chart, the HR group), once.
/// </summary>
public sealed class GraphReviewApiTests : GraphTest
{
    private async Task<HttpResponseMessage> PostAsync(string path, string asUser)
    {
        using var client = Bot.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Add("X-Dev-User", asUser);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task HR_applies_the_first_sync_from_the_tab_once_and_an_engineer_may_not()
    {
        var first = await Sync.SyncAsync(CancellationToken.None);
        Assert.Equal(GraphSyncOutcome.AwaitingApproval, first.Outcome);
        var path = $"/api/org/graph/proposals/{first.ProposalId}/apply";

        using (var byEngineer = await PostAsync(path, GraphTenants.IdOf(4)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, byEngineer.StatusCode);
        }

        Assert.True((await ChartAsync()).IsEmpty, "an engineer's request changes nothing");
        using (var byHr = await PostAsync(path, GraphTenants.IdOf(2)))
        {
            Assert.Equal(HttpStatusCode.OK, byHr.StatusCode);
            var answer = JsonDocument.Parse(await byHr.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("applied", answer.GetProperty("outcome").GetString());
            Assert.Equal(10, answer.GetProperty("joined").GetInt32());
        }

        Assert.Equal(10, (await ChartAsync()).People.Count);
        using var again = await PostAsync(path, GraphTenants.IdOf(2));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task HR_sets_a_proposal_aside_and_a_forged_proposal_is_out_of_date()
    {
        var first = await Sync.SyncAsync(CancellationToken.None);

        using var forged = await PostAsync("/api/org/graph/proposals/gp-not-a-proposal/reject", GraphTenants.IdOf(2));
        using var rejected = await PostAsync($"/api/org/graph/proposals/{first.ProposalId}/reject", GraphTenants.IdOf(2));

        Assert.Equal(HttpStatusCode.Conflict, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Equal("rejected", JsonDocument.Parse(await rejected.Content.ReadAsStringAsync()).RootElement.GetProperty("outcome").GetString());
        Assert.True((await ChartAsync()).IsEmpty, "a proposal set aside is not applied");
    }
}

using System.Net;
using DialogueBot.Testing;

namespace DialogueBot.Tests.Org.Graph;

/// <summary>The HR API: run a sync now (through the work queue) and read its status; HR only.</summary>
public sealed class GraphSyncApiTests : GraphTest
{
    private async Task<HttpResponseMessage> CallAsync(HttpMethod method, string path, string asUser)
    {
        using var client = Bot.CreateClient();
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Dev-User", asUser);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task HR_runs_a_sync_now_and_sees_it_applied_and_others_may_not()
    {
        await ApplyFirstSyncAsync();
        Graph.UpdateUser(GraphTenants.IdOf(4), u => u with { ManagerId = GraphTenants.IdOf(7) });

        using (var refused = await CallAsync(HttpMethod.Post, "/api/org/graph/sync", GraphTenants.IdOf(4)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using (var accepted = await CallAsync(HttpMethod.Post, "/api/org/graph/sync", GraphTenants.IdOf(2)))
        {
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while ((await ChartAsync()).FindByAadObjectId(GraphTenants.IdOf(4))!.ManagerId != (await ChartAsync()).FindByAadObjectId(GraphTenants.IdOf(7))!.Id && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var chart = await ChartAsync();
        Assert.Equal(chart.FindByAadObjectId(GraphTenants.IdOf(7))!.Id, chart.FindByAadObjectId(GraphTenants.IdOf(4))!.ManagerId);
        using var status = await CallAsync(HttpMethod.Get, "/api/org/graph/status", GraphTenants.IdOf(2));
        var body = System.Text.Json.JsonDocument.Parse(await status.Content.ReadAsStringAsync()).RootElement;
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, body.GetProperty("lastAppliedAt").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, body.GetProperty("waitingForApproval").ValueKind);
    }
}

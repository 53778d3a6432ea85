using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using DialogueBot.Infrastructure.Storage;
using DialogueBot.Org.Graph;
using DialogueBot.Retention;
using DialogueBot.Testing;

namespace DialogueBot.Tests.Org.Graph;

/// <summary>HR erases someone Entra ID still lists: what the sync kept of them goes, and the next syncs do not bring them back.</summary>
public sealed class GraphErasureTests : GraphTest
{
    [Fact]
    public async Task An_erased_manager_stays_erased_through_later_syncs_and_their_reports_keep_the_placeholder()
    {
        await ApplyFirstSyncAsync();
        var eric = GraphTenants.IdOf(3);

        using var client = Bot.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/org/people/{eric}/erase");
        request.Headers.Add("X-Dev-User", GraphTenants.IdOf(2));
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains(report.GetProperty("tables").EnumerateArray(), t => t.GetProperty("table").GetString() == GraphSyncStore.TableName && t.GetProperty("rows").GetInt32() == 1);

        var erased = await ChartAsync();
        var placeholder = erased.People.Single(p => p.Name == PersonEraser.FormerColleague);

        Graph.UpdateUser(eric, u => u with { JobTitle = "SVP Engineering" });           // Entra still changes them
        Graph.UpdateUser(GraphTenants.IdOf(5), u => u with { DisplayName = "Bo B." });
        var result = await Sync.SyncAsync(CancellationToken.None);

        Assert.Equal(GraphSyncOutcome.Applied, result.Outcome);
        Assert.Equal((0, 0, 0), (result.Diff!.Joined.Count, result.Diff.Left.Count, result.Diff.Moved.Count));
        var chart = await ChartAsync();
        Assert.Null(chart.FindByAadObjectId(eric));
        Assert.DoesNotContain(chart.People, p => p.Name.Contains("Eric", StringComparison.Ordinal));
        Assert.Equal(placeholder.Id, chart.FindByAadObjectId(GraphTenants.IdOf(4))!.ManagerId);

        var rows = new List<TableEntity>();
        await foreach (var row in Bot.Service<AppStorage>().Table(GraphSyncStore.TableName).QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        Assert.DoesNotContain(rows, r => r.Select(kv => kv.Value).OfType<string>().Any(v => v.Contains("Eric", StringComparison.Ordinal) || v.Contains("eric@", StringComparison.Ordinal) || v.Contains("SVP", StringComparison.Ordinal)));
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DialogueBot.Org;
using DialogueBot.Testing;

namespace DialogueBot.Tests.Org;

/// <summary>The org chart API with roles enforced server-side (dev mode: the caller is named by a header).</summary>
public sealed class OrgApiTests(SharedBot host) : IAsyncLifetime, IClassFixture<SharedBot>
{
    private BotAppFactory _bot = null!;

    public async Task InitializeAsync() => (_, _bot) = await host.ForTestAsync(o => o);

    public Task DisposeAsync() => Task.CompletedTask; // the fixture stops the host after the class

    private async Task<HttpResponseMessage> ImportAsync(string csv, string asUser)
    {
        using var client = _bot.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/org/import") { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
        request.Headers.Add("X-Dev-User", asUser);
        return await client.SendAsync(request);
    }

    private const string Patti = "00000000-0000-0000-0000-0000000000024";
    private const string Adele = "00000000-0000-0000-0000-0000000000022";
    private const string SmallOrg = "id,email,name,managerId,orgUnit,role\nc1,ceo@x.example,Ceo,,Exec,executive\nh1,hr@x.example,Hana HR,c1,People,hr\n";

    [Fact]
    public async Task HR_imports_an_org_chart_and_everyone_sees_the_new_one()
    {
        using var response = await ImportAsync(SmallOrg, Patti);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, summary.GetProperty("people").GetInt32());
        Assert.Equal(2, (await _bot.Service<OrgDirectory>().GetAsync()).People.Count);
    }

    [Fact]
    public async Task A_manager_may_not_import()
    {
        using var response = await ImportAsync(SmallOrg, Adele);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(30, (await _bot.Service<OrgDirectory>().GetAsync()).People.Count);
    }

    [Fact]
    public async Task Someone_outside_the_org_may_not_import()
    {
        using var response = await ImportAsync(SmallOrg, "e0000000-0000-4000-8000-00000000beef");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_invalid_chart_is_refused_with_line_numbered_errors_and_nothing_changes()
    {
        using var response = await ImportAsync("id,email,name,managerId\nc1,ceo@x.example,Ceo,\nm1,m@x.example,,ghost\n", Patti);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var lines = body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("line").GetInt32()).ToList();
        Assert.Contains(3, lines);
        Assert.Equal(30, (await _bot.Service<OrgDirectory>().GetAsync()).People.Count);
    }

    [Fact]
    public async Task Executives_read_the_summary_managers_do_not()
    {
        using var client = _bot.CreateClient();
        client.DefaultRequestHeaders.Add("X-Dev-User", "00000000-0000-0000-0000-0000000000021");
        var summary = await client.GetFromJsonAsync<JsonElement>("/api/org/summary");
        Assert.Equal(30, summary.GetProperty("people").GetInt32());

        using var managerClient = _bot.CreateClient();
        managerClient.DefaultRequestHeaders.Add("X-Dev-User", Adele);
        using var refused = await managerClient.GetAsync("/api/org/summary");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task Without_any_identity_the_API_answers_401()
    {
        using var client = _bot.CreateClient();

        using var response = await client.GetAsync("/api/org/summary");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

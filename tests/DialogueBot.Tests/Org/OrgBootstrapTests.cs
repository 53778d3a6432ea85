using System.Net;
using System.Text;
using DialogueBot.Org;
using DialogueBot.Testing;

namespace DialogueBot.Tests.Org;

/// <summary>A fresh deployment has no HR yet: a named operator imports the first org chart, and only the first.</summary>
public sealed class OrgBootstrapTests(SharedBot host) : IAsyncLifetime, IClassFixture<SharedBot>
{
    private const string Operator = "0c0c0c0c-0000-4000-8000-00000000000a";
    private const string Chart = "id,aadObjectId,name,managerId,orgUnit,role\nc1,0c0c0c0c-0000-4000-8000-000000000001,Carla Chief,,Exec,executive\nh1,0c0c0c0c-0000-4000-8000-000000000002,Hana HR,c1,People,hr\n";
    private BotAppFactory _bot = null!;

    public async Task InitializeAsync() => (_, _bot) = await host.ForTestAsync(o => o with
    {
        SeedDemoOrg = false,
        Settings = new Dictionary<string, string?> { ["Org:BootstrapImporters:0"] = Operator, ["Demo:Enabled"] = "false" },
    });

    public Task DisposeAsync() => Task.CompletedTask; // the fixture stops the host after the class

    private async Task<HttpStatusCode> ImportAsync(string asUser)
    {
        using var client = _bot.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/org/import") { Content = new StringContent(Chart, Encoding.UTF8, "text/csv") };
        request.Headers.Add("X-Dev-User", asUser);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task Someone_not_named_may_not_import_even_into_an_empty_chart()
    {
        Assert.Equal(HttpStatusCode.Forbidden, await ImportAsync("0c0c0c0c-0000-4000-8000-0000000000ff"));
    }

    [Fact]
    public async Task The_named_operator_imports_the_first_chart_and_then_only_HR_may()
    {
        Assert.Equal(HttpStatusCode.OK, await ImportAsync(Operator));
        Assert.Equal(2, (await _bot.Service<OrgDirectory>().GetAsync()).People.Count);

        Assert.Equal(HttpStatusCode.Forbidden, await ImportAsync(Operator));
        Assert.Equal(HttpStatusCode.OK, await ImportAsync("0c0c0c0c-0000-4000-8000-000000000002"));
    }
}

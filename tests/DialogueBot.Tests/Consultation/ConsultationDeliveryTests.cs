using System.Net.Http.Json;
using DialogueBot.Consultation.Delivery;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Testing;

namespace DialogueBot.Tests.Consultation;

/// <summary>The brief reaches exactly the consultation's audience, each manager once, through retries and re-installs.</summary>
public sealed class ConsultationDeliveryTests : ConsultationTest
{
    private static readonly string[] EngineeringLevel4 = ["p12", "p13", "p14", "p15", "p16", "p17"];

    [Fact]
    public async Task A_consultation_reaches_exactly_its_audience_once()
    {
        await InstallAsync(DemoUsers.All.Where(p => p.AadObjectId is not null));
        var id = await CreateAsync(Draft(units: ["Engineering"], levels: [4]));
        await Connector.WaitUntilAsync(c => c.Activities.Count(IsBrief) >= EngineeringLevel4.Length, TimeSpan.FromSeconds(30));

        // What could repeat a send: the fan-out running again (a crash before its ledger row), and a consulted
        // manager installing the app again (the late-joiner catch-up).
        await Bot.Service<WorkQueue>().EnqueueAsync(ConsultationWorkKinds.Fanout, id + ".fanout.retry", new ConsultationPayload(id));
        await Bot.SendAsync(DemoUsers.Of(Person("p13"), Connector.ServiceUrl).Install());
        await WaitForQueueDrainedAsync();

        var recipients = Connector.Activities.Where(IsBrief).Select(a => a.ConversationId).Order(StringComparer.Ordinal).ToList();
        var expected = EngineeringLevel4.Select(p => DemoUsers.Of(Person(p), Connector.ServiceUrl).ConversationId).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, recipients);
        Assert.Empty(Connector.CardSchemaErrors);

        var page = await GetJsonAsync($"/api/consultations/{id}");
        Assert.Equal(6, page.GetProperty("consultation").GetProperty("audienceCount").GetInt32());
        Assert.Contains("6 of 6 managers have it", page.GetProperty("timeline")[0].GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manager_outside_the_audience_cannot_read_or_give_input()
    {
        var id = await CreateAsync(Draft(units: ["Operations"]));

        var refused = await RateAsync(Person("p13"), id, 4, 4); // Engineering
        Assert.Contains("another group of managers", Text(refused), StringComparison.Ordinal);

        using var client = Api(Person("p13").AadObjectId!);
        using var response = await client.GetAsync($"/api/consultations/{id}");
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Only_executives_draft_and_a_bad_draft_is_a_400_naming_the_field()
    {
        using (var manager = Api(Person("p13").AadObjectId!))
        using (var refused = await manager.PostAsJsonAsync("/api/consultations", Draft()))
        {
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using var client = Api();
        using var response = await client.PostAsJsonAsync("/api/consultations", new { title = "x", units = new[] { "Nowhere" } });
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("units", body, StringComparison.Ordinal);
        Assert.Contains("closesAt", body, StringComparison.Ordinal);
        Assert.Contains("openToInput", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_management_tab_previews_an_audience_before_sending()
    {
        using var client = Api();
        using var response = await client.PostAsJsonAsync("/api/consultations/audience-preview", new { units = new[] { "engineering" }, levels = new[] { 4 } });
        var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(6, body.GetProperty("count").GetInt32());
        Assert.Equal("Managers in Engineering at level 4", body.GetProperty("audience").GetString());

        using var unknown = await client.PostAsJsonAsync("/api/consultations/audience-preview", new { units = new[] { "Nowhere" } });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, unknown.StatusCode);
    }
}

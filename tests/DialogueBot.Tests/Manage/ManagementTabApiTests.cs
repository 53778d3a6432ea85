using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DialogueBot.Pulse.Definitions;
using DialogueBot.Tests.Pulse;

namespace DialogueBot.Tests.Manage;

/// <summary>
/// The endpoints the management tab added: the pulse preview (every creation rule, nothing created) and the
/// org units to pick an audience from. Roles are the server's: a manager is refused both.
/// </summary>
public sealed class ManagementTabApiTests : PulseTest
{
    private HttpClient ClientAs(string aad)
    {
        var client = Bot.CreateClient();
        client.DefaultRequestHeaders.Add("X-Dev-User", aad);
        return client;
    }

    private static object OwnQuestionPulse(object audience) => new
    {
        title = "Our own question",
        questions = new object[] { new { kind = "singleChoice", text = "Which change should we explain first?", choices = new[] { "Budget", "Re-org" } } },
        audience,
        closesAt = DateTimeOffset.UtcNow.AddDays(5),
    };

    [Fact]
    public async Task The_pulse_preview_counts_the_audience_and_creates_nothing()
    {
        using var client = ClientAs(PattiAad);
        using var response = await client.PostAsJsonAsync("/api/pulses/check", OwnQuestionPulse(new { units = new[] { "Engineering" } }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(12, body.GetProperty("audience").GetInt32());
        Assert.Empty(await Bot.Service<PulseDefinitionRepository>().ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_pulse_preview_names_each_problem_by_field_including_an_audience_under_the_threshold()
    {
        using var client = ClientAs(PattiAad);
        using var invalid = await client.PostAsJsonAsync("/api/pulses/check", new { title = "", questions = new object[] { new { kind = "slider", text = "x" } }, closesAt = DateTimeOffset.UtcNow.AddDays(1) });
        using var small = await client.PostAsJsonAsync("/api/pulses/check", OwnQuestionPulse(new { units = new[] { "Finance" } }));
        using var malformed = await client.PostAsync("/api/pulses/check", new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var fields = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["questions[0].kind", "title"], fields);
        Assert.Equal(HttpStatusCode.BadRequest, small.StatusCode);
        var smallProblem = await small.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("below 5", smallProblem.GetProperty("errors").GetProperty("audience")[0].GetString(), StringComparison.Ordinal);
        Assert.True(smallProblem.GetProperty("audience").GetInt32() < 5);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Empty(await Bot.Service<PulseDefinitionRepository>().ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task HR_and_executives_read_the_org_units_and_managers_are_refused_the_units_and_the_preview()
    {
        using var hr = ClientAs(PattiAad);
        using var executive = ClientAs(MeganAad);
        using var manager = ClientAs(AdeleAad);

        var units = await hr.GetFromJsonAsync<string[]>("/api/org/units");
        Assert.Contains("Engineering", units!);
        Assert.Contains("Finance", units!);
        Assert.Equal(units, await executive.GetFromJsonAsync<string[]>("/api/org/units"));
        using var refusedUnits = await manager.GetAsync("/api/org/units");
        using var refusedCheck = await manager.PostAsJsonAsync("/api/pulses/check", OwnQuestionPulse(new { managersOnly = true }));
        Assert.Equal(HttpStatusCode.Forbidden, refusedUnits.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refusedCheck.StatusCode);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DialogueBot.Testing;

namespace DialogueBot.Tests.Pulse;

/// <summary>/api/pulses: roles server-side, validation errors that name the field, audience preview, results as JSON and CSV.</summary>
public sealed class PulseApiTests(SharedBot host) : PulseTest(host), IClassFixture<SharedBot>
{
    [Fact]
    public async Task HR_creates_a_pulse_and_reads_it_back_in_the_list_and_on_its_own()
    {
        using var created = await PostPulseAsync(EngagementPulse("API pulse"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(20, body.GetProperty("audience").GetInt32());
        var id = body.GetProperty("id").GetString()!;

        using var client = Bot.CreateClient();
        client.DefaultRequestHeaders.Add("X-Dev-User", MeganAad);
        var list = await client.GetFromJsonAsync<JsonElement>("/api/pulses");
        var one = await client.GetFromJsonAsync<JsonElement>($"/api/pulses/{id}");

        Assert.Contains(list.EnumerateArray(), p => p.GetProperty("id").GetString() == id);
        Assert.Equal("API pulse", one.GetProperty("title").GetString());
        Assert.Equal(4, one.GetProperty("questions").GetArrayLength());
        Assert.Equal(1, one.GetProperty("runs").GetArrayLength());
    }

    [Fact]
    public async Task An_invalid_pulse_is_refused_with_errors_that_name_each_field()
    {
        using var response = await PostPulseAsync(new
        {
            title = "",
            questions = new object[] { new { kind = "rating", text = "ok" }, new { kind = "slider", text = "x" }, new { kind = "multiChoice", text = "Pick", choices = new[] { "a" } } },
            audience = new { units = new[] { "Atlantis" } },
            closesAt = DateTimeOffset.UtcNow.AddDays(-1),
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["audience.units", "closesAt", "questions[1].kind", "questions[2].choices", "title"], fields.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_audience_below_the_threshold_is_refused_and_malformed_json_is_a_400()
    {
        using var small = await PostPulseAsync(EngagementPulse(audience: new { units = new[] { "Finance" } }));
        using var client = Bot.CreateClient();
        client.DefaultRequestHeaders.Add("X-Dev-User", PattiAad);
        using var malformed = await client.PostAsync("/api/pulses", new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, small.StatusCode);
        Assert.Contains("audience", await small.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    [Fact]
    public async Task Managers_may_not_create_list_or_read_results()
    {
        using var create = await PostPulseAsync(EngagementPulse(), asUser: AdeleAad);
        using var client = Bot.CreateClient();
        client.DefaultRequestHeaders.Add("X-Dev-User", AdeleAad);
        using var list = await client.GetAsync("/api/pulses");

        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
    }

    [Fact]
    public async Task The_audience_preview_counts_people_before_sending()
    {
        using var client = Bot.CreateClient();
        client.DefaultRequestHeaders.Add("X-Dev-User", PattiAad);

        var managers = await (await client.PostAsJsonAsync("/api/pulses/audience-preview", new { managersOnly = true })).Content.ReadFromJsonAsync<JsonElement>();
        var engineering = await (await client.PostAsJsonAsync("/api/pulses/audience-preview", new { units = new[] { "Engineering" } })).Content.ReadFromJsonAsync<JsonElement>();
        var level4 = await (await client.PostAsJsonAsync("/api/pulses/audience-preview", new { levels = new[] { 4 } })).Content.ReadFromJsonAsync<JsonElement>();
        using var unknown = await client.PostAsJsonAsync("/api/pulses/audience-preview", new { units = new[] { "Atlantis" } });

        Assert.Equal(20, managers.GetProperty("count").GetInt32());
        Assert.Equal(12, engineering.GetProperty("count").GetInt32()); // Nestor, 2 leads, 6 managers, 3 members
        Assert.Equal(14, level4.GetProperty("count").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task Results_export_as_csv_with_comments_defused_for_spreadsheets_and_unknown_pulses_are_404()
    {
        var (pulseId, runId) = await CreateOpenPulseAsync();
        for (var i = 0; i < 5; i++)
        {
            await AnswerAsync(Managers[i], Answers(runId, 4, 9, 0, i == 0 ? "=HYPERLINK(\"http://evil\")" : "fine, thanks"));
        }

        await CloseAsync(runId);
        using var csv = await GetResultsAsync(pulseId, format: "csv");
        var text = await csv.Content.ReadAsStringAsync();
        using var missing = await GetResultsAsync("pu-none");

        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("pulse,run,filter,question,measure,label,value\n", text, StringComparison.Ordinal);
        Assert.Contains(",respondents,,5", text, StringComparison.Ordinal);
        Assert.Contains(",responseRatePercent,,25", text, StringComparison.Ordinal);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\")\"", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}

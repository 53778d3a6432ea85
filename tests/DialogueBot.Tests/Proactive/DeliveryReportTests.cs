using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DialogueBot.Testing;
using DialogueBot.Testing.Faults;
using DialogueBot.Tests.TownHall;

namespace DialogueBot.Tests.Proactive;

/// <summary>
/// Delivery reports through real fan-outs: a town-hall announcement to Engineering (names of the unreachable),
/// a managers' pulse and its reminder (counts only; the reminder says only how many were handled).
/// </summary>
public sealed class DeliveryReportTests : TownHallTest
{
    private Func<IServiceProvider, StubInstaller>? _installer;

    protected override BotAppOptions Configure(BotAppOptions options)
    {
        options.Settings["Pulse:RespectQuietHours"] = "false";
        return options with { ConfigureServices = s => _installer = StubInstaller.Register(s, Connector) };
    }

    private StubInstaller Installer => _installer!(Bot.Services);

    [Fact]
    public async Task A_town_hall_announcement_reports_delivered_installed_by_us_and_the_unreachable_by_name()
    {
        foreach (var id in new[] { "p12", "p13", "p06" })
        {
            await Bot.SendAsync(User(id).Install());
        }

        Connector.Refusing[User("p06").ConversationId] = (HttpStatusCode.Forbidden, "BotDisabledByAdmin");
        Installer.Blocked["p14"] = 0;

        var townHallId = await CreateTownHallAsync(title: "Report all-hands", audience: ["Engineering"], announce: true);
        var report = await WaitForReportAsync($"/api/deliveries/townhalls/{townHallId}", "announcement", r => r.GetProperty("pending").GetInt32() == 0 && r.GetProperty("handled").GetInt32() == 12);

        var outcomes = report.GetProperty("outcomes");
        Assert.Equal(12, report.GetProperty("audience").GetInt32());
        Assert.Equal(10, outcomes.GetProperty("delivered").GetInt32());
        Assert.Equal(8, outcomes.GetProperty("installedByUs").GetInt32());
        Assert.Equal(2, outcomes.GetProperty("blocked").GetInt32());
        Assert.Equal(0, outcomes.GetProperty("left").GetInt32());
        Assert.Equal(0, outcomes.GetProperty("notInstalled").GetInt32());
        Assert.Equal(["Lee Gu", "Pradeep Gupta"], report.GetProperty("unreachable").EnumerateArray().Select(p => p.GetProperty("name").GetString()!).ToArray());
        Assert.Contains("Delivered 10 of 12 (8 installed by the bot)", report.GetProperty("summary").GetString(), StringComparison.Ordinal);

        // A manager may not read it.
        using var manager = Api("00000000-0000-0000-0000-0000000000022");
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync($"/api/deliveries/townhalls/{townHallId}")).StatusCode);
    }

    [Fact]
    public async Task A_pulse_run_reports_counts_only_and_names_nobody()
    {
        await Bot.SendAsync(User("p13").Install());
        Connector.Refusing[User("p13").ConversationId] = (HttpStatusCode.NotFound, "BotNotInConversationRoster");
        Installer.Blocked["p14"] = 0;

        using var hr = Api(PattiAad);
        var now = DateTimeOffset.UtcNow;
        using var created = await hr.PostAsJsonAsync("/api/pulses", new
        {
            title = "Report pulse",
            questions = new object[] { new { kind = "rating", text = "I understand our strategy." } },
            audience = new { managersOnly = true },
            opensAt = now,
            closesAt = now.AddDays(3),
        });
        var body = await created.Content.ReadAsStringAsync();
        Assert.True(created.IsSuccessStatusCode, body);
        var runId = JsonDocument.Parse(body).RootElement.GetProperty("runId").GetString()!;

        var report = await WaitForReportAsync($"/api/deliveries/pulse-runs/{runId}", "pulse", r => r.GetProperty("audience").GetInt32() > 0 && r.GetProperty("pending").GetInt32() == 0);
        var outcomes = report.GetProperty("outcomes");
        Assert.Equal(1, outcomes.GetProperty("left").GetInt32());
        Assert.Equal(1, outcomes.GetProperty("blocked").GetInt32());
        Assert.Equal(report.GetProperty("audience").GetInt32() - 2, outcomes.GetProperty("delivered").GetInt32());
        Assert.Empty(report.GetProperty("unreachable").EnumerateArray()); // whoever was unreachable surely did not answer: no names

        var all = await GetAsync($"/api/deliveries/pulse-runs/{runId}");
        Assert.Equal(JsonValueKind.Null, all.GetProperty("reminder").GetProperty("outcomes").ValueKind); // handled and pending only
    }

    private async Task<JsonElement> WaitForReportAsync(string path, string part, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        JsonElement report = default;
        while (DateTime.UtcNow < deadline)
        {
            report = (await GetAsync(path)).GetProperty(part);
            if (done(report))
            {
                return report;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The report never settled: " + report);
    }

    private async Task<JsonElement> GetAsync(string path)
    {
        using var hr = Api(PattiAad);
        using var response = await hr.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}

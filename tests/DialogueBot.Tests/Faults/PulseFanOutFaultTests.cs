using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DialogueBot.Infrastructure.Scheduling;
using DialogueBot.Org;
using DialogueBot.Testing;
using DialogueBot.Testing.Faults;
using Microsoft.Extensions.Time.Testing;

namespace DialogueBot.Tests.Faults;

/// <summary>
/// Issue 7's faults against the REAL fan-outs: a managers' pulse opened through the API (pulse.open →
/// pulse.fanout → one pulse.deliver per manager), its reminder, and a skip-level programme's prompts. The
/// 30 demo people are all installed; only the 20 active managers are the pulse's audience, so each test
/// also proves nobody outside it got the card.
/// </summary>
public sealed class PulseFanOutFaultTests
{
    private const string PattiHr = "00000000-0000-0000-0000-0000000000024";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    private static List<OrgPerson> Managers { get; } =
        DemoUsers.All.Where(p => p.IsActive && p.Roles.HasFlag(OrgRole.Manager) && p.AadObjectId is not null).ToList();

    private static bool IsPulseCard(ReceivedActivity a) =>
        a.Card.ValueKind == JsonValueKind.Object && a.Card.TryGetProperty("fallbackText", out var f) && (f.GetString() ?? "").StartsWith("Pulse:", StringComparison.Ordinal);

    private static bool IsReminder(ReceivedActivity a) => IsPulseCard(a) && a.CardText.Contains("Reminder: this pulse closes soon", StringComparison.Ordinal);

    private static bool IsFirstPulseCard(ReceivedActivity a) => IsPulseCard(a) && !IsReminder(a);

    /// <summary>Quiet hours off (tests run at any hour), no periodic flush in the way.</summary>
    private static BotAppOptions PulseBot(BotAppOptions options, FakeTimeProvider? clock = null, bool scheduler = false)
    {
        options.Settings["Pulse:RespectQuietHours"] = "false";
        return options with { Time = clock, RunScheduler = scheduler };
    }

    private static Task<FanOutHarness> StartAsync() => FanOutHarness.StartAsync(1, o => PulseBot(o));

    private static object ManagersPulse(string title, DateTimeOffset opensAt) => new
    {
        title,
        questions = new object[]
        {
            new { kind = "rating", text = "I understand our strategy." },
            new { kind = "enps", text = "How likely are you to recommend working here?" },
            new { kind = "singleChoice", text = "What needs more explanation?", choices = new[] { "Strategy", "Priorities", "Decisions" } },
        },
        audience = new { managersOnly = true },
        opensAt,
        closesAt = opensAt.AddDays(3),
    };

    /// <summary>HR creates the pulse through the API, as in production; returns its first run's id.</summary>
    private static async Task<string> CreatePulseAsync(BotAppFactory bot, string title, DateTimeOffset opensAt)
    {
        using var client = bot.CreateClient();
        client.DefaultRequestHeaders.Add("X-Dev-User", PattiHr);
        using var response = await client.PostAsJsonAsync("/api/pulses", ManagersPulse(title, opensAt));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("runId").GetString()!;
    }

    [Fact]
    public async Task Storage_stopped_during_a_pulse_fan_out_and_started_again_reaches_every_manager_exactly_once()
    {
        await using var harness = await StartAsync();
        // Slow sends, so storage goes away while several cards are in flight: they land in Teams while the
        // bot cannot write down that they were delivered (the window where a naive retry sends them twice).
        harness.Connector.Latency = TimeSpan.FromSeconds(1);

        await CreatePulseAsync(harness.Bot, "Outage pulse", DateTimeOffset.UtcNow);
        await harness.WaitForCardsAsync(IsFirstPulseCard, 3);
        await Task.Delay(TimeSpan.FromMilliseconds(400)); // the first batch is recorded; the next one is on its way to Teams
        await harness.Storage.StopGracefullyAsync();
        Assert.True(harness.CardsPerRecipient(IsFirstPulseCard).Count < Managers.Count, "the fan-out finished before storage stopped; nothing was tested");
        await Task.Delay(TimeSpan.FromSeconds(3));
        await harness.Storage.StartAsync();

        await harness.AssertEveryRecipientGotExactlyOneAsync(IsFirstPulseCard, Managers, Timeout, Settle);
    }

    [Fact]
    public async Task Teams_answering_500s_and_429s_for_a_while_still_delivers_the_pulse_to_every_manager_exactly_once()
    {
        await using var harness = await StartAsync();
        harness.Connector.FailNext(10, HttpStatusCode.InternalServerError);
        harness.Connector.FailNext(10, HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(1));
        harness.Connector.FailNext(5, HttpStatusCode.BadGateway);
        harness.Connector.ThrottleProbability = 0.5;

        await CreatePulseAsync(harness.Bot, "Throttled pulse", DateTimeOffset.UtcNow);
        await Task.Delay(TimeSpan.FromSeconds(3));
        harness.Connector.ThrottleProbability = 0;

        await harness.AssertEveryRecipientGotExactlyOneAsync(IsFirstPulseCard, Managers, Timeout, Settle);
    }

    [Fact]
    public async Task A_bot_instance_stopped_mid_pulse_fan_out_and_a_new_one_started_lose_and_duplicate_nothing()
    {
        await using var harness = await StartAsync();
        harness.Connector.Latency = TimeSpan.FromMilliseconds(150);

        await CreatePulseAsync(harness.Bot, "Restart pulse", DateTimeOffset.UtcNow);
        await harness.WaitForCardsAsync(IsFirstPulseCard, 3);
        await harness.StopInstanceAsync(harness.Bot);
        Assert.True(harness.CardsPerRecipient(IsFirstPulseCard).Count < Managers.Count, "the fan-out finished before the instance stopped; nothing was tested");
        await harness.StartInstanceAsync();

        await harness.AssertEveryRecipientGotExactlyOneAsync(IsFirstPulseCard, Managers, Timeout, Settle);
    }

    /// <summary>
    /// Three instances share one Azurite and one clock the test moves (the skip-level prompts fall on a
    /// Monday a week ahead). Each move wakes all three schedulers at once, and the test also makes all
    /// three dispatch concurrently, so every scheduled job is raced for; each card still arrives once.
    /// </summary>
    [Fact]
    public async Task Three_instances_send_a_scheduled_pulse_its_reminder_and_skip_level_prompts_exactly_once_each()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero)); // a Monday
        await using var harness = await FanOutHarness.StartAsync(3, o => PulseBot(o, clock, scheduler: true));
        Assert.Equal(3, harness.Instances.Count);

        // A pulse opening at 09:00 (closes Thursday; reminder 24 h before) and Engineering's skip-level programme.
        var runId = await CreatePulseAsync(harness.Bot, "Scheduled pulse", new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        await LaunchEngineeringSkipLevelsAsync(harness.Bot);
        await Task.Delay(Settle);
        Assert.Empty(harness.CardsPerRecipient(IsPulseCard)); // nothing before its time

        await AdvanceAsync(harness, clock, new DateTimeOffset(2026, 11, 23, 9, 1, 0, TimeSpan.Zero));
        await harness.AssertEveryRecipientGotExactlyOneAsync(IsFirstPulseCard, Managers, Timeout, Settle);

        // A third of the managers answer; the reminder goes to the others only.
        var respondents = Managers.Where((_, i) => i % 3 == 0).ToList();
        foreach (var person in respondents)
        {
            await harness.Instances[respondents.IndexOf(person) % 3].InvokeCardAsync(DemoUsers.Of(person, harness.Connector.ServiceUrl).Execute("pulse.answer", Answers(runId)));
        }

        await AdvanceAsync(harness, clock, new DateTimeOffset(2026, 11, 25, 9, 1, 0, TimeSpan.Zero));
        await harness.AssertEveryRecipientGotExactlyOneAsync(IsReminder, Managers.Except(respondents), Timeout, Settle);

        // The Monday before the first meetings (7 Dec): Nestor (p02) and his first two managers are prompted.
        await AdvanceAsync(harness, clock, new DateTimeOffset(2026, 11, 30, 9, 30, 0, TimeSpan.Zero));
        await harness.Connector.WaitUntilAsync(c => c.Activities.Count(IsSkipLevelPrompt) >= 4, Timeout);
        await Task.Delay(Settle);
        var prompts = harness.Connector.Activities.Where(IsSkipLevelPrompt).ToList();
        var perPerson = prompts.GroupBy(a => OwnerOf(harness, a.ConversationId)).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { ["p02"] = 2, ["p12"] = 1, ["p13"] = 1 }, perPerson);
        var toNestor = prompts.Where(a => OwnerOf(harness, a.ConversationId) == "p02").Select(a => a.CardText).ToList();
        Assert.Contains(toNestor, t => t.Contains("Skip-level with Alex Wilber", StringComparison.Ordinal));
        Assert.Contains(toNestor, t => t.Contains("Skip-level with Adele Vance", StringComparison.Ordinal));
        Assert.Empty(harness.Connector.CardSchemaErrors);
    }

    /// <summary>Moves the shared clock, then makes every instance dispatch at the same moment (their loops also wake).</summary>
    private static async Task AdvanceAsync(FanOutHarness harness, FakeTimeProvider clock, DateTimeOffset to)
    {
        clock.SetUtcNow(to);
        await Task.WhenAll(harness.Instances.Select(bot => bot.Service<Scheduler>().DispatchDueAsync(TimeSpan.FromMinutes(2), CancellationToken.None)));
    }

    private static async Task LaunchEngineeringSkipLevelsAsync(BotAppFactory bot)
    {
        using var hr = bot.CreateClient();
        hr.DefaultRequestHeaders.Add("X-Dev-User", PattiHr);
        using var created = await hr.PostAsJsonAsync("/api/skiplevel/programmes", new
        {
            name = "Winter skip-levels",
            scopeUnits = new[] { "Engineering" },
            executivesLead = true,
            cadenceWeeks = 4,
            meetingMinutes = 30,
            startDate = "2026-12-07",
            endDate = "2027-03-31",
            perWeekCap = 2,
            timeZone = "Europe/London",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("programme").GetProperty("id").GetString()!;
        using var launched = await hr.PostAsync($"/api/skiplevel/programmes/{id}/launch?cycle=1", null);
        Assert.Equal(HttpStatusCode.OK, launched.StatusCode);
    }

    private static Dictionary<string, object?> Answers(string runId) => new()
    {
        ["runId"] = runId,
        ["v"] = 1,
        ["q1"] = 4.ToString(CultureInfo.InvariantCulture),
        ["q2"] = 8.ToString(CultureInfo.InvariantCulture),
        ["q3"] = 0.ToString(CultureInfo.InvariantCulture),
    };

    private static bool IsSkipLevelPrompt(ReceivedActivity a) =>
        a.Kind == ActivityKinds.Send && a.Card.ValueKind == JsonValueKind.Object
        && (a.Card.GetProperty("body")[0].TryGetProperty("text", out var heading) ? heading.GetString() ?? "" : "").StartsWith("Skip-level with", StringComparison.Ordinal);

    private static string OwnerOf(FanOutHarness harness, string conversationId) =>
        harness.Recipients.First(p => DemoUsers.Of(p, harness.Connector.ServiceUrl).ConversationId == conversationId).Id;
}

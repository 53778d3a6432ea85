using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DialogueBot.Infrastructure.Scheduling;
using DialogueBot.Loop;
using DialogueBot.Pulse.Runs;
using DialogueBot.Testing;
using Microsoft.Extensions.Time.Testing;

namespace DialogueBot.Tests.Loop;

/// <summary>"You said, we did" through the real pipeline: the summary reaches the audience once, each action change once, overdue reminders once.</summary>
public sealed class LoopCommitmentTests : LoopTest
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    protected override BotAppOptions Configure(BotAppOptions options) => base.Configure(options) with { Time = _clock };

    private HttpClient Api(string aad)
    {
        var client = Bot.CreateClient();
        client.DefaultRequestHeaders.Add("X-Dev-User", aad);
        return client;
    }

    private string Day(int days) => _clock.GetUtcNow().AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private object Summary() => new
    {
        heard = "You want clearer priorities and more time with leaders.",
        actions = new object[]
        {
            new { title = "Publish the top five priorities", owner = "p02", due = Day(7) },
            new { title = "A monthly open Q&A", owner = "isaiah.langer@contoso.example", due = Day(14) },
        },
    };

    private IReadOnlyList<global::DialogueBot.Org.OrgPerson> Audience => Managers.Where(m => m.AadObjectId is not null).ToList();

    [Fact]
    public async Task A_summary_reaches_the_audience_once_an_action_change_once_and_an_overdue_reminder_once()
    {
        var (_, runId) = await PublishedPulseAsync();
        await InstallAsync([Person("p02"), Person("p03")]);
        using var megan = Api(MeganAad);
        using var manager = Api(Person("p13").AadObjectId!);

        // Refused: a manager, a draft with a past due day (the field named), a run that is not published.
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync($"/api/loop/pulse/{runId}/summary", Summary())).StatusCode);
        var invalid = await megan.PostAsJsonAsync($"/api/loop/pulse/{runId}/summary", new { heard = "x", actions = new[] { new { title = "t", owner = "p02", due = Day(-2) } } });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("actions[0].due", await invalid.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await megan.PostAsJsonAsync("/api/loop/pulse/pu-none-001/summary", Summary())).StatusCode);

        var published = await megan.PostAsJsonAsync($"/api/loop/pulse/{runId}/summary", Summary());
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await megan.PostAsJsonAsync($"/api/loop/pulse/{runId}/summary", Summary())).StatusCode);

        await Connector.WaitUntilAsync(_ => Audience.All(p => CardsTo(p.Id, "You said, we did").Count >= 1), TimeSpan.FromSeconds(30));
        await SettleAsync(LoopWorkKinds.Notify, Audience.Count);
        Assert.All(Audience, p => Assert.Single(CardsTo(p.Id, "You said, we did")));
        Assert.Empty(CardsTo("p01", "You said, we did")); // not in the pulse's audience
        var card = CardsTo("p06", "You said, we did")[0].CardText;
        Assert.Contains("Responses", card, StringComparison.Ordinal);
        Assert.Contains("Publish the top five priorities", card, StringComparison.Ordinal);
        Assert.Contains("Isaiah Langer", card, StringComparison.Ordinal);
        Assert.DoesNotContain("comment number", card, StringComparison.Ordinal); // numbers that passed k, never comments

        // The owner moves an action on; pressed twice, the second is refused and nobody hears twice.
        var inProgress = new { subject = runId, actionId = "a01", status = "inProgress" };
        Assert.Contains("in progress", Text(await PressAsync("p02", "loop.action", inProgress)), StringComparison.Ordinal);
        Assert.Contains("already in progress", Text(await PressAsync("p02", "loop.action", inProgress)), StringComparison.Ordinal);
        Assert.Contains("Not available", Text(await PressAsync("p13", "loop.action", new { subject = runId, actionId = "a02", status = "done" })), StringComparison.Ordinal);
        Assert.Contains("Say why", Text(await PressAsync("p03", "loop.action", new { subject = runId, actionId = "a02", status = "dropped" })), StringComparison.Ordinal);
        await Connector.WaitUntilAsync(_ => Audience.All(p => CardsTo(p.Id, "Action in progress").Count >= 1), TimeSpan.FromSeconds(30));
        await SettleAsync(LoopWorkKinds.Notify, Audience.Count * 2);
        Assert.All(Audience, p => Assert.Single(CardsTo(p.Id, "Action in progress")));

        // Past both due days: each owner is reminded once, however often the scheduler runs.
        await DispatchAsync(_clock.GetUtcNow().AddDays(15));
        await Connector.WaitUntilAsync(_ => CardsTo("p03", "Overdue").Count >= 1 && CardsTo("p02", "Overdue").Count >= 1, TimeSpan.FromSeconds(30));
        await DispatchAsync(_clock.GetUtcNow().AddDays(1));
        await SettleAsync(LoopWorkKinds.Overdue, 2);
        Assert.Single(CardsTo("p03", "Overdue"));
        Assert.Single(CardsTo("p02", "Overdue"));
        Assert.Contains("A monthly open Q&A", CardsTo("p03", "Overdue")[0].CardText, StringComparison.Ordinal);

        // Done late: counted as done, not on time, in the figures (API).
        Assert.Equal(HttpStatusCode.OK, (await megan.PostAsJsonAsync($"/api/loop/pulse/{runId}/actions/a01", new { status = "done" })).StatusCode);
        var figures = JsonDocument.Parse(await megan.GetStringAsync("/api/loop/figures")).RootElement;
        var subject = figures.GetProperty("subjects").EnumerateArray().Single(s => s.GetProperty("id").GetString() == runId);
        Assert.Equal(2, subject.GetProperty("actions").GetInt32());
        Assert.Equal(1, subject.GetProperty("actionsDone").GetInt32());
        Assert.Equal(0, subject.GetProperty("actionsDoneOnTime").GetInt32());
        Assert.Equal(0.0, subject.GetProperty("onTimeShare").GetDouble());
        Assert.True(subject.GetProperty("hoursToSummary").GetDouble() >= 0);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/api/loop/figures")).StatusCode);
        Assert.Empty(Connector.CardSchemaErrors);
    }

    [Fact]
    public async Task Erasing_an_action_owner_leaves_the_action_with_the_former_colleague_placeholder()
    {
        var (_, runId) = await PublishedPulseAsync();
        using var megan = Api(MeganAad);
        Assert.Equal(HttpStatusCode.Created, (await megan.PostAsJsonAsync($"/api/loop/pulse/{runId}/summary", Summary())).StatusCode);
        using var hr = Api(PattiAad);
        Assert.True((await hr.PostAsync("/api/org/people/p02/erase", null)).IsSuccessStatusCode);

        var actions = JsonDocument.Parse(await megan.GetStringAsync($"/api/loop/pulse/{runId}")).RootElement.GetProperty("actions").EnumerateArray().ToList();
        Assert.NotEqual("p02", actions[0].GetProperty("owner").GetString());
        Assert.Equal("p03", actions[1].GetProperty("owner").GetString());
    }

    private async Task DispatchAsync(DateTimeOffset now)
    {
        _clock.SetUtcNow(now);
        await Bot.Service<Scheduler>().DispatchDueAsync(TimeSpan.FromMinutes(2), CancellationToken.None);
    }
}

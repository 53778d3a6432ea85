using System.Net.Http.Json;
using DialogueBot.Infrastructure.Scheduling;
using DialogueBot.Infrastructure.Storage;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace DialogueBot.Tests.TownHall;

/// <summary>
/// The town hall's timed cards: the announcement when a future question window opens and the summary after
/// the event, both from the scheduler (a clock the test moves), each to the audience once however often the
/// scheduler runs.
/// </summary>
public sealed class ScheduledTownHallTests : TownHallTest
{
    /// <summary>Monday 23 November 2026, 08:00 UTC.</summary>
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));

    private readonly LogCapture _logs = new();

    protected override BotAppOptions Configure(BotAppOptions options) =>
        base.Configure(options) with { Time = _clock, ConfigureServices = s => s.AddSingleton<ILoggerProvider>(_logs) };

    [Fact]
    public async Task A_future_town_hall_is_announced_when_its_window_opens_and_summarised_after_the_event_once_each()
    {
        var inAudience = User("p13");   // Engineering/Platform
        var outside = User("p20");      // Operations/Service
        await Bot.SendAsync(inAudience.Install());
        await Bot.SendAsync(outside.Install());
        await Connector.WaitUntilAsync(c => c.Activities.Count >= 2);

        var opensAt = _clock.GetUtcNow().AddDays(1);
        var closesAt = opensAt.AddDays(2); // the event is an hour after the window closes
        var townHallId = await CreateTownHallAsync(title: "Engineering all-hands", opensAt: opensAt, closesAt: closesAt, audience: ["Engineering"], announce: true);
        await DispatchAsync(_clock.GetUtcNow());
        Assert.Empty(CardsAbout(inAudience, "Engineering all-hands"));

        await DispatchAsync(opensAt.AddMinutes(1));
        await Connector.WaitUntilAsync(_ => CardsAbout(inAudience, "Ask a question").Count == 1, TimeSpan.FromSeconds(20));

        await AskAsync(inAudience, townHallId, "Will the hiring freeze affect backfills?");
        var freeze = await QuestionAsync(townHallId, "Will the hiring freeze affect backfills?");
        using (var host = Api("00000000-0000-0000-0000-0000000000021"))
        {
            (await host.PostAsJsonAsync($"/api/townhalls/{townHallId}/questions/{freeze.Id}/moderation", new { action = "answer", text = "Backfills continue for critical roles." })).EnsureSuccessStatusCode();
        }

        var summaryDue = closesAt.AddHours(1) + TimeSpan.FromHours(2); // TownHall:SummaryAfterEvent
        await DispatchAsync(summaryDue.AddMinutes(-5));
        await Task.Delay(500);
        Assert.Empty(CardsAbout(inAudience, "After the town hall"));

        await DispatchAsync(summaryDue.AddMinutes(1));
        await Connector.WaitUntilAsync(_ => CardsAbout(inAudience, "After the town hall").Count == 1, TimeSpan.FromSeconds(20));
        Assert.Contains("Backfills continue for critical roles.", CardsAbout(inAudience, "After the town hall")[0].CardText, StringComparison.Ordinal);

        // The scheduler running again (another instance, a restart) sends nothing twice, and nothing reaches
        // someone outside the audience.
        await DispatchAsync(summaryDue.AddHours(1));
        await Task.Delay(1000);
        Assert.Single(CardsAbout(inAudience, "Ask a question"));
        await AssertOnceAsync(CardsAbout(inAudience, "After the town hall"));
        Assert.Empty(CardsAbout(outside, "Engineering all-hands"));
        Assert.Empty(Connector.CardSchemaErrors);
    }

    private async Task DispatchAsync(DateTimeOffset now)
    {
        _clock.SetUtcNow(now);
        await Bot.Service<Scheduler>().DispatchDueAsync(TimeSpan.FromMinutes(2), CancellationToken.None);
    }

    /// <summary>
    /// Exactly one card; on failure says what the Connector saw and what the work ledger holds (a key run
    /// twice shows Attempts=2: a lease taken over; a single attempt with two sends: a transport retry).
    /// </summary>
    private async Task AssertOnceAsync(List<ReceivedActivity> cards)
    {
        if (cards.Count == 1)
        {
            return;
        }

        var ledger = new List<string>();
        await foreach (var row in Bot.Service<AppStorage>().Table(WorkLedger.TableName).QueryAsync<WorkLedgerEntity>())
        {
            ledger.Add($"{row.PartitionKey}/{row.RowKey} {row.State} attempts={row.Attempts} owner={row.Owner}");
        }

        Assert.Fail($"{cards.Count} cards instead of one.\nConnector requests:\n" + string.Join("\n", Connector.Requests.Select(r => $"  {r.At:HH:mm:ss.fff} {r.Method} {r.Path}")) +
            "\nWork ledger:\n" + string.Join("\n", ledger.Select(l => "  " + l)) + "\nWarnings logged:\n" + string.Join("\n", _logs.Warnings));
    }

    private List<ReceivedActivity> CardsAbout(TeamsUser user, string text) =>
        Connector.ActivitiesIn(user.ConversationId).Where(a => a.CardText.Contains(text, StringComparison.Ordinal)).ToList();
}

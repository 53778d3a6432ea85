using DialogueBot.Infrastructure.Scheduling;
using DialogueBot.Testing;
using Microsoft.Extensions.Time.Testing;

namespace DialogueBot.Tests.TownHall;

/// <summary>
/// The reproduction of ScheduledTownHallTests' rare double summary (issue 14), made certain instead of rare.
/// There, the test moved its fake clock an hour on as soon as the summary card reached the Connector, and now
/// and then (a loaded machine) that was before the bot had read Teams' answer. The Connector client's
/// resilience pipeline took its timeouts from the app's TimeProvider — the fake clock — so the jump fired the
/// 2-minute total timeout of a send Teams had already accepted: the worker saw a failure, put the item back,
/// and its next attempt took the released claim over (Attempts=2) and sent the card again. Here the stub moves
/// the clock while it holds that very request, so the window is hit every time.
/// </summary>
public sealed class ScheduledTownHallInFlightTests : TownHallTest
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));

    protected override BotAppOptions Configure(BotAppOptions options) => base.Configure(options) with { Time = _clock };

    [Fact]
    public async Task The_clock_moving_while_the_summary_is_in_flight_does_not_send_it_twice()
    {
        var inAudience = User("p13");
        await Bot.SendAsync(inAudience.Install());
        await Connector.WaitUntilAsync(c => c.Activities.Count >= 1);

        var opensAt = _clock.GetUtcNow().AddHours(-1);
        var closesAt = _clock.GetUtcNow().AddDays(1);
        await CreateTownHallAsync(title: "In-flight all-hands", opensAt: opensAt, closesAt: closesAt, audience: ["Engineering"], announce: false);

        // While the stub holds the summary's send (accepted, not yet answered), time jumps an hour.
        var jumped = 0;
        Connector.RequestReceived += request =>
        {
            if (request.Body.Contains("After the town hall", StringComparison.Ordinal) && Interlocked.Exchange(ref jumped, 1) == 0)
            {
                _clock.Advance(TimeSpan.FromHours(1));
            }
        };

        _clock.SetUtcNow(closesAt.AddHours(3).AddMinutes(1)); // the event is an hour after the close; the summary two after that
        await Bot.Service<Scheduler>().DispatchDueAsync(TimeSpan.FromMinutes(2), CancellationToken.None);
        await Connector.WaitUntilAsync(_ => Summaries(inAudience).Count >= 1, TimeSpan.FromSeconds(20));
        await Task.Delay(TimeSpan.FromSeconds(3)); // a retried item comes back after 200 ms here

        Assert.Equal(1, jumped);
        Assert.Single(Summaries(inAudience));
    }

    private List<ReceivedActivity> Summaries(TeamsUser user) =>
        Connector.ActivitiesIn(user.ConversationId).Where(a => a.CardText.Contains("After the town hall", StringComparison.Ordinal)).ToList();
}

using System.Net;
using DialogueBot.Testing;
using DialogueBot.Testing.Faults;

namespace DialogueBot.Tests.Faults;

/// <summary>
/// Issue 7's faults against a proactive fan-out built from the generic infrastructure (work queue, ledger,
/// scheduler, ProactiveMessenger) via <see cref="FanOutProbe"/>. Each ends with every one of the 30
/// recipients holding exactly one card. To aim these at a feature's fan-out, replace the probe's enqueue
/// with the feature's start (open a pulse) and <see cref="IsProbeCard"/> with its card's test.
/// </summary>
public sealed class FanOutFaultTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    private static Func<ReceivedActivity, bool> IsProbeCard(string campaign) =>
        a => a.CardText.Contains(FanOutProbe.CardTitle(campaign), StringComparison.Ordinal);

    private static Task<FanOutHarness> StartAsync(int instances = 1, bool scheduler = false) =>
        FanOutHarness.StartAsync(instances, o => o with { RunScheduler = scheduler, ConfigureServices = FanOutProbe.Register });

    [Fact]
    public async Task Storage_stopped_mid_fan_out_and_started_again_delivers_every_card_exactly_once()
    {
        await using var harness = await StartAsync();
        harness.Connector.Latency = TimeSpan.FromMilliseconds(60);
        var card = IsProbeCard("outage");

        await FanOutProbe.EnqueueAsync(harness.Bot, "outage", harness.Recipients);
        await harness.WaitForCardsAsync(card, 5);
        await harness.Storage.StopGracefullyAsync();
        Assert.True(harness.CardsPerRecipient(card).Count < harness.Recipients.Count, "the fan-out finished before storage stopped; nothing was tested");
        await Task.Delay(TimeSpan.FromSeconds(3));
        await harness.Storage.StartAsync();

        await harness.AssertEveryRecipientGotExactlyOneAsync(card, Timeout, Settle);
    }

    [Fact]
    public async Task Teams_answering_500s_and_429s_for_a_while_delivers_every_card_exactly_once_afterwards()
    {
        await using var harness = await StartAsync();
        var card = IsProbeCard("throttled");
        harness.Connector.FailNext(15, HttpStatusCode.InternalServerError);
        harness.Connector.FailNext(15, HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(1));
        harness.Connector.FailNext(5, HttpStatusCode.ServiceUnavailable);
        harness.Connector.ThrottleProbability = 0.5;

        await FanOutProbe.EnqueueAsync(harness.Bot, "throttled", harness.Recipients);
        await Task.Delay(TimeSpan.FromSeconds(3));
        harness.Connector.ThrottleProbability = 0;

        await harness.AssertEveryRecipientGotExactlyOneAsync(card, Timeout, Settle);
        Assert.Contains(harness.Connector.Requests, r => r.Path.Contains("/activities", StringComparison.Ordinal)); // faults were met
    }

    [Fact]
    public async Task Teams_down_for_a_while_delays_the_fan_out_and_loses_nothing()
    {
        await using var harness = await StartAsync();
        var card = IsProbeCard("teams-down");
        harness.Connector.Outage = HttpStatusCode.ServiceUnavailable;

        await FanOutProbe.EnqueueAsync(harness.Bot, "teams-down", harness.Recipients);
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Empty(harness.CardsPerRecipient(card));
        harness.Connector.Outage = null;

        await harness.AssertEveryRecipientGotExactlyOneAsync(card, Timeout, Settle);
    }

    [Fact]
    public async Task An_instance_stopped_mid_fan_out_and_a_new_one_started_lose_and_duplicate_nothing()
    {
        await using var harness = await StartAsync();
        harness.Connector.Latency = TimeSpan.FromMilliseconds(60);
        var card = IsProbeCard("restart");

        await FanOutProbe.EnqueueAsync(harness.Bot, "restart", harness.Recipients);
        await harness.WaitForCardsAsync(card, 5);
        await harness.StopInstanceAsync(harness.Bot);
        Assert.True(harness.CardsPerRecipient(card).Count < harness.Recipients.Count, "the fan-out finished before the instance stopped; nothing was tested");
        await harness.StartInstanceAsync();

        await harness.AssertEveryRecipientGotExactlyOneAsync(card, Timeout, Settle);
    }

    [Fact]
    public async Task Three_instances_running_scheduler_and_workers_send_every_scheduled_card_exactly_once()
    {
        await using var harness = await StartAsync(instances: 3, scheduler: true);
        var card = IsProbeCard("scheduled");

        await FanOutProbe.ScheduleAsync(harness.Bot, "scheduled", harness.Recipients, DateTimeOffset.UtcNow.AddSeconds(2));

        await harness.AssertEveryRecipientGotExactlyOneAsync(card, Timeout, Settle);
    }
}

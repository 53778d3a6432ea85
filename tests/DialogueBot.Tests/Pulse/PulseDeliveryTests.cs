using System.Net;
using DialogueBot.Pulse.Deliveries;
using DialogueBot.Testing;

namespace DialogueBot.Tests.Pulse;

/// <summary>Fan-out through the durable queue: exactly the audience, once each, with two instances draining it.</summary>
public sealed class PulseDeliveryTests(SharedBot host) : PulseTest(host), IClassFixture<SharedBot>
{
    [Fact]
    public async Task A_pulse_to_the_demo_org_reaches_exactly_its_audience_once_each_with_two_instances_running_the_worker()
    {
        await using var second = await BotAppFactory.StartAsync(new BotAppOptions { Prefix = Bot.Prefix, Connector = Connector, SeedDemoOrg = false, Settings = PulseSettings() });
        await InstallAsync(DemoUsers.All);
        Connector.FailNext(3, HttpStatusCode.TooManyRequests, TimeSpan.FromMilliseconds(200)); // Teams throttles the first sends

        var (_, runId) = await CreateOpenPulseAsync();

        await Connector.WaitUntilAsync(c => c.Activities.Count(IsPulseCard) >= Managers.Count, TimeSpan.FromSeconds(45));
        await Task.Delay(1500); // anything duplicated would arrive by now
        var received = Connector.Activities.Where(IsPulseCard).GroupBy(a => a.ConversationId).ToDictionary(g => g.Key, g => g.Count());
        var expected = Managers.Select(p => DemoUsers.Of(p, Connector.ServiceUrl).ConversationId).ToHashSet();

        Assert.Equal(20, Managers.Count);
        Assert.Equal(expected.OrderBy(x => x), received.Keys.OrderBy(x => x));
        Assert.All(received.Values, count => Assert.Equal(1, count));
        Assert.Empty(Connector.CardSchemaErrors);
        Assert.Equal(20, await Bot.Service<PulseDeliveryRepository>().CountAsync(runId, CancellationToken.None));
    }

    [Fact]
    public async Task A_manager_who_installs_after_the_pulse_opened_gets_it_on_install_and_only_once()
    {
        var late = Managers.Single(p => p.Id == "p13");
        await InstallAsync(Managers.Where(p => p.Id != late.Id));
        var (_, runId) = await CreateOpenPulseAsync();
        await Connector.WaitUntilAsync(c => c.Activities.Count(IsPulseCard) >= Managers.Count - 1, TimeSpan.FromSeconds(30));
        var lateConversation = DemoUsers.Of(late, Connector.ServiceUrl).ConversationId;
        Assert.DoesNotContain(Connector.Activities, a => a.ConversationId == lateConversation);

        await Bot.SendAsync(DemoUsers.Of(late, Connector.ServiceUrl).Install());
        await Bot.SendAsync(DemoUsers.Of(late, Connector.ServiceUrl).Install()); // Teams repeats install events

        await Connector.WaitUntilAsync(c => c.Activities.Any(a => IsPulseCard(a) && a.ConversationId == lateConversation));
        await Task.Delay(1000);
        Assert.Single(Connector.Activities, a => IsPulseCard(a) && a.ConversationId == lateConversation);
        Assert.Equal(Managers.Count, await Bot.Service<PulseDeliveryRepository>().CountAsync(runId, CancellationToken.None));
    }

    [Fact]
    public async Task Members_executives_and_people_on_leave_are_not_sent_a_managers_pulse()
    {
        await InstallAsync(DemoUsers.All);
        await CreateOpenPulseAsync();
        await Connector.WaitUntilAsync(c => c.Activities.Count(IsPulseCard) >= Managers.Count, TimeSpan.FromSeconds(30));
        await Task.Delay(500);

        foreach (var outsider in DemoUsers.All.Where(p => !Managers.Contains(p)))
        {
            Assert.DoesNotContain(Connector.Activities, a => IsPulseCard(a) && a.ConversationId == DemoUsers.Of(outsider, Connector.ServiceUrl).ConversationId);
        }
    }
}

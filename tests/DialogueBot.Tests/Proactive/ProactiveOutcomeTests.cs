using System.Net;
using DialogueBot.Conversations;
using DialogueBot.Testing;
using DialogueBot.Testing.Faults;
using Microsoft.Extensions.DependencyInjection;

namespace DialogueBot.Tests.Proactive;

/// <summary>
/// What the messenger records when Teams or the app policy refuses a person, and that it then stops trying
/// them: no second send to a chat that answered 403/404, no second install a policy refused.
/// </summary>
public sealed class ProactiveOutcomeTests : BotTest
{
    private Func<IServiceProvider, StubInstaller>? _installer;

    protected override BotAppOptions Configure(BotAppOptions options) => options with
    {
        ConfigureServices = s =>
        {
            FanOutProbe.Register(s);
            _installer = StubInstaller.Register(s, Connector);
        },
    };

    private StubInstaller Installer => _installer!(Bot.Services);

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, "BotDisabledByAdmin", UnreachableReason.BotDisabledByAdmin)]
    [InlineData(HttpStatusCode.NotFound, "BotNotInConversationRoster", UnreachableReason.BotNotInConversationRoster)]
    public async Task A_person_Teams_refuses_is_recorded_with_the_reason_and_not_tried_again(HttpStatusCode status, string code, UnreachableReason reason)
    {
        var person = User("p13");
        await Bot.SendAsync(person.Install());
        var welcomed = SendsTo(person.ConversationId);
        Connector.Refusing[person.ConversationId] = (status, code);
        var p13 = DemoUsers.All.Single(p => p.Id == "p13");

        await FanOutProbe.EnqueueAsync(Bot, "first", [p13]);
        await WaitForRowAsync(person.AadObjectId, r => r.Unreachable is not null);
        var reference = await Bot.Service<ConversationReferenceRepository>().FindAsync(person.AadObjectId);
        Assert.Equal(reason, reference!.Unreachable);
        var triedBefore = SendsTo(person.ConversationId);

        await FanOutProbe.EnqueueAsync(Bot, "second", [p13]);
        await Bot.Service<DialogueBot.Infrastructure.Work.WorkQueueWorker>().DrainAsync();
        await Task.Delay(500);
        Assert.Equal(triedBefore, SendsTo(person.ConversationId));
        Assert.Equal(welcomed + 1, triedBefore); // the one refused send, then nothing

        // Installing the app themselves makes them reachable again.
        Connector.Refusing.TryRemove(person.ConversationId, out _);
        await Bot.SendAsync(person.Install());
        Assert.Null((await Bot.Service<ConversationReferenceRepository>().FindAsync(person.AadObjectId))!.Unreachable);
    }

    [Fact]
    public async Task An_install_the_policy_blocks_is_recorded_and_not_tried_again_and_one_we_install_gets_the_card()
    {
        var blocked = DemoUsers.All.Single(p => p.Id == "p14");
        var installed = DemoUsers.All.Single(p => p.Id == "p15");
        Installer.Blocked[blocked.Id] = 0;

        await FanOutProbe.EnqueueAsync(Bot, "install", [blocked, installed]);
        await Connector.WaitUntilAsync(c => c.Activities.Any(a => a.CardText.Contains("Probe install", StringComparison.Ordinal)));
        await WaitForRowAsync(blocked.AadObjectId!, r => r.Unreachable is not null);
        Assert.Equal(UnreachableReason.InstallBlocked, (await Bot.Service<ConversationReferenceRepository>().FindAsync(blocked.AadObjectId!))!.Unreachable);
        Assert.Contains(Connector.Requests, r => r.Method == "POST" && r.Path.TrimEnd('/').EndsWith("/v3/conversations", StringComparison.Ordinal));

        await FanOutProbe.EnqueueAsync(Bot, "again", [blocked]);
        await Bot.Service<DialogueBot.Infrastructure.Work.WorkQueueWorker>().DrainAsync();
        await Task.Delay(500);
        Assert.Equal(1, Installer.Calls[blocked.Id]);
        Assert.Equal(1, Installer.Calls[installed.Id]);
    }

    private int SendsTo(string conversationId) =>
        Connector.Requests.Count(r => r.Method == "POST" && r.Path.Contains($"/conversations/{conversationId}/activities", StringComparison.Ordinal));

    private async Task WaitForRowAsync(string aad, Func<ConversationReferenceEntity, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (await Bot.Service<ConversationReferenceRepository>().FindAsync(aad) is { } row && condition(row))
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The reference never met the condition.");
    }
}

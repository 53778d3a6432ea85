using System.Net;
using DialogueBot.BotFramework.Cards;
using DialogueBot.Conversations;
using DialogueBot.Org.Graph;
using DialogueBot.Testing;

namespace DialogueBot.Tests.Org.Graph;

/// <summary>
/// Reaching people who never opened the bot: the messenger asks the Graph installer, which installs the
/// app for them (or finds it installed), fetches the chat, stores it, and the message goes there. A policy
/// that blocks the app is recorded and not asked again.
/// </summary>
public sealed class GraphProactiveInstallTests : GraphTest
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await ApplyFirstSyncAsync();
    }

    private async Task<ProactiveResult> SendAsync(int n) =>
        await Bot.Service<ProactiveMessenger>().SendAsync((await ChartAsync()).FindByAadObjectId(GraphTenants.IdOf(n))!, Hello(), CancellationToken.None);

    private static DialogueBot.BotFramework.Schema.Activity Hello() =>
        new AdaptiveCard { Body = [new TextBlock("Hello from DialogueBot")], FallbackText = "Hello" }.ToMessage("Hello");

    [Fact]
    public void With_Graph_configured_the_installer_is_Graphs()
    {
        Assert.IsType<GraphProactiveInstaller>(Bot.Service<IProactiveInstaller>());
    }

    [Fact]
    public async Task Someone_who_never_opened_the_bot_gets_it_installed_and_the_message_arrives_in_the_new_chat()
    {
        var ada = GraphTenants.IdOf(4);

        var result = await SendAsync(4);

        Assert.Equal(ProactiveOutcome.Sent, result.Outcome);
        Assert.True(Graph.Installed.ContainsKey(ada));
        var install = Assert.Single(Graph.Requests, r => r.Method == "POST" && r.Path.Contains(ada, StringComparison.Ordinal));
        Assert.Contains($"appCatalogs/teamsApps/{GraphStub.DefaultCatalogAppId}", install.Body, StringComparison.Ordinal);
        var sent = await Connector.WaitForAsync(a => a.ConversationId == GraphStub.ChatIdOf(ada));
        Assert.Contains("Hello from DialogueBot", sent.CardText);

        var reference = await Bot.Service<ConversationReferenceRepository>().FindAsync(ada);
        Assert.Equal((GraphStub.ChatIdOf(ada), Connector.ServiceUrl), (reference!.ConversationId, reference.ServiceUrl));

        // The next message goes straight to the stored chat: no second install.
        Assert.Equal(ProactiveOutcome.Sent, (await SendAsync(4)).Outcome);
        Assert.Single(Graph.Requests, r => r.Method == "POST" && r.Path.Contains(ada, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Already_installed_409_counts_as_success_and_the_chat_is_found()
    {
        var bo = GraphTenants.IdOf(5);
        Assert.Equal(ProactiveOutcome.Sent, (await SendAsync(5)).Outcome); // installs; then forget the reference
        await Bot.Service<ConversationReferenceRepository>().RemoveAsync(bo, CancellationToken.None);

        var result = await SendAsync(5);

        Assert.Equal(ProactiveOutcome.Sent, result.Outcome);
        Assert.Equal(2, Graph.Requests.Count(r => r.Method == "POST" && r.Path.Contains(bo, StringComparison.Ordinal)));
        Assert.Equal(2, Connector.ActivitiesIn(GraphStub.ChatIdOf(bo)).Count);
    }

    [Fact]
    public async Task A_policy_that_blocks_the_app_is_recorded_and_the_person_is_not_asked_again()
    {
        var cy = GraphTenants.IdOf(6);
        Graph.BlockedUsers[cy] = true;

        // The messenger records the refusal on the person's reference: unreachable, and why, not retried.
        var first = await SendAsync(6);
        var second = await SendAsync(6);
        Assert.Equal((ProactiveOutcome.Unreachable, UnreachableReason.InstallBlocked), (first.Outcome, first.Reason));
        Assert.Equal((ProactiveOutcome.Unreachable, UnreachableReason.InstallBlocked), (second.Outcome, second.Reason));

        Assert.Single(Graph.Requests, r => r.Method == "POST" && r.Path.Contains(cy, StringComparison.Ordinal));
        Assert.Equal(UnreachableReason.InstallBlocked, (await Bot.Service<ConversationReferenceRepository>().FindAsync(cy, CancellationToken.None))!.Unreachable);
        Assert.Empty(Connector.ActivitiesIn(GraphStub.ChatIdOf(cy)));
    }

    [Fact]
    public async Task Graph_throttling_an_install_comes_back_as_throttled_with_its_Retry_After()
    {
        Graph.FailNext(1, HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(7), pathContains: "/teamwork/installedApps");

        var result = await SendAsync(7);

        Assert.Equal(ProactiveOutcome.Throttled, result.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(7), result.RetryAfter);
        Assert.Equal(ProactiveOutcome.Sent, (await SendAsync(7)).Outcome);
    }

    [Fact]
    public async Task A_chat_not_there_yet_right_after_the_install_is_retried_and_the_retry_finds_it()
    {
        Graph.ChatNotReady(1);

        var first = await SendAsync(8);
        Assert.Equal((ProactiveOutcome.Throttled, GraphProactiveInstaller.ChatNotReadyDelay), (first.Outcome, first.RetryAfter));
        Assert.Null(await Bot.Service<ConversationReferenceRepository>().FindAsync(GraphTenants.IdOf(8)));

        Assert.Equal(ProactiveOutcome.Sent, (await SendAsync(8)).Outcome); // 409 now: installed, and the chat is there
        Assert.Single(Connector.ActivitiesIn(GraphStub.ChatIdOf(GraphTenants.IdOf(8))));
    }
}

using System.Net;
using DialogueBot.Testing;
using DialogueBot.Testing.Faults;

namespace DialogueBot.Tests.Faults;

/// <summary>
/// Storage down while Teams is talking to the bot: every turn is answered 503 with Retry-After (so Teams
/// retries) or served, never a 500; once storage is back, the retried install welcomes exactly once.
/// </summary>
public sealed class InboundOutageTests
{
    [Fact]
    public async Task Turns_during_a_storage_outage_get_503_with_Retry_After_and_the_retried_install_welcomes_once()
    {
        await using var harness = await FanOutHarness.StartAsync(1, o => o);
        var alex = DemoUsers.Alex(harness.Connector.ServiceUrl);
        var newcomer = DemoUsers.Stranger(harness.Connector.ServiceUrl);
        var install = newcomer.Install();

        await harness.Storage.StopGracefullyAsync();
        var statuses = new List<HttpStatusCode>();
        foreach (var activity in new[] { install, alex.Message("help"), alex.Execute(DialogueBot.Help.HelpCard.ShowVerb), newcomer.BotAdded() })
        {
            using var response = await harness.Bot.PostActivityAsync(activity);
            statuses.Add(response.StatusCode);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"{activity.Type} answered {(int)response.StatusCode} during the outage");
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                Assert.NotNull(response.Headers.RetryAfter);
            }
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, statuses[0]); // the install could not be stored

        await harness.Storage.StartAsync();
        await harness.Bot.SendAsync(install); // Teams retries the same activity
        await harness.Bot.SendAsync(install); // and again, as it does on reload

        await harness.Connector.WaitForAsync(a => a.ConversationId == newcomer.ConversationId && a.Cards.Any());
        await Task.Delay(500);
        Assert.Single(harness.Connector.ActivitiesIn(newcomer.ConversationId), a => a.Cards.Any());
    }
}

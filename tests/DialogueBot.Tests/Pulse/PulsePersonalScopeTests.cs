using System.Text.Json;
using DialogueBot.BotFramework.Routing;
using DialogueBot.Pulse.Submissions;
using DialogueBot.Testing;

namespace DialogueBot.Tests.Pulse;

/// <summary>
/// Issue 12, item 10: answering a pulse and reading results work only in the 1:1 chat. From a team channel
/// or a group chat the bot says so politely, nothing is stored and no result is posted there.
/// </summary>
public sealed class PulsePersonalScopeTests(SharedBot host) : PulseTest(host), IClassFixture<SharedBot>
{
    [Fact]
    public async Task An_answer_pressed_in_a_channel_or_group_chat_is_refused_politely_and_not_counted()
    {
        var (_, runId) = await CreateOpenPulseAsync();
        var alex = DemoUsers.Of(Managers[0], Connector.ServiceUrl);

        foreach (var press in new[] { alex.Execute("pulse.answer", Answers(runId, 4, 8, 1, "said in public")).InChannel(), alex.Execute("pulse.answer", Answers(runId, 4, 8, 1, "said in public")).InGroupChat() })
        {
            TeamsScopes.AssertNotPersonalReply(await Bot.SendAsync(press));
        }

        Assert.False(await HasAnsweredAsync(runId, Managers[0]));
        Assert.Contains("Thank you", Text(await AnswerAsync(Managers[0], Answers(runId, 4, 8, 1))), StringComparison.Ordinal); // the same person, in their 1:1 chat
    }

    [Fact]
    public async Task Results_asked_for_in_a_channel_or_group_chat_are_not_posted_there()
    {
        var (pulseId, runId) = await CreateOpenPulseAsync();
        for (var i = 0; i < 5; i++)
        {
            await AnswerAsync(Managers[i], Answers(runId, 4, 8, 1));
        }

        await CloseAsync(runId);
        var megan = DemoUsers.Megan(Connector.ServiceUrl);

        var command = megan.Message("results").InChannel();
        await Bot.SendAsync(command);
        var reply = await Connector.WaitForAsync(a => a.ConversationId == command.Conversation!.Id);
        Assert.Equal(ActivityRouter.NotPersonalText, reply.Text);
        Assert.Equal(JsonValueKind.Undefined, reply.Card.ValueKind);
        TeamsScopes.AssertNotPersonalReply(await Bot.SendAsync(megan.Execute("pulse.results", new { pulseId }).InGroupChat()));
        TeamsScopes.AssertNotPersonalReply(await Bot.SendAsync(megan.Execute("pulse.results", new { pulseId }).InChannel()));

        Assert.All(Connector.Activities.Where(a => a.ConversationId.StartsWith("19:", StringComparison.Ordinal)), a => Assert.DoesNotContain("Responses", a.CardText, StringComparison.Ordinal));
        Assert.Contains("Responses", Text(await Bot.InvokeCardAsync(megan.Execute("pulse.results", new { pulseId }))), StringComparison.Ordinal); // in the 1:1 chat
    }
}

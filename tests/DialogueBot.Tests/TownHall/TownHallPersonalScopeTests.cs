using DialogueBot.BotFramework.Routing;
using DialogueBot.Testing;

namespace DialogueBot.Tests.TownHall;

/// <summary>
/// Issue 12, item 10: an "ask" typed in a team channel is public, so it must never be stored as an
/// anonymous question: the bot asks for the 1:1 chat instead and stores nothing.
/// </summary>
public sealed class TownHallPersonalScopeTests : TownHallTest
{
    [Fact]
    public async Task Asking_in_a_channel_or_group_chat_stores_nothing_and_asks_for_the_1_to_1_chat()
    {
        var townHallId = await CreateTownHallAsync();
        var adele = User("p13");

        var inChannel = adele.Message("ask Will the hiring freeze affect backfills?").InChannel();
        await Bot.SendAsync(inChannel);
        var reply = await Connector.WaitForAsync(a => a.ConversationId == inChannel.Conversation!.Id);
        Assert.Equal(ActivityRouter.NotPersonalText, reply.Text);
        await Bot.SendAsync(adele.Message("ask Will the hiring freeze affect backfills?").InGroupChat());
        TeamsScopes.AssertNotPersonalReply(await Bot.SendAsync(adele.Execute("townhall.ask", new { townHallId, text = "Pressed in a channel: stored?", anonymous = "true" }).InChannel()));
        TeamsScopes.AssertNotPersonalReply(await Bot.SendAsync(adele.Execute("townhall.askForm", new { townHallId }).InGroupChat()));
        await Connector.WaitForAsync(a => a.ConversationId.StartsWith("19:group-chat", StringComparison.Ordinal));

        Assert.Empty(await QuestionsAsync(townHallId));
        Assert.Contains("Your question is on the board", TextOf(await AskAsync(adele, townHallId, "Will the hiring freeze affect backfills?")), StringComparison.Ordinal);
        Assert.Single(await QuestionsAsync(townHallId));
    }
}

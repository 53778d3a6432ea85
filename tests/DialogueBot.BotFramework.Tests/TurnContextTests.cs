using DialogueBot.BotFramework.Cards;
using DialogueBot.BotFramework.Connector;
using DialogueBot.BotFramework.Routing;
using DialogueBot.BotFramework.Schema;
using DialogueBot.Testing;
using Moq;

namespace DialogueBot.BotFramework.Tests;

public class TurnContextTests
{
    private static readonly TeamsUser User = new("11111111-1111-1111-1111-111111111111", "Test User", "https://smba.trafficmanager.net/emea/");
    private static readonly AdaptiveCard Card = new() { Body = [new TextBlock("Hello")] };

    [Fact]
    public async Task Reply_to_an_invoke_is_its_invoke_response_and_sends_nothing()
    {
        var sender = new Mock<IActivitySender>(MockBehavior.Strict);
        var context = new TurnContext(User.Execute("any.verb"), null, sender.Object, Mock.Of<IServiceProvider>());

        var response = await context.ReplyAsync(Card);

        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        var body = Assert.IsType<AdaptiveCardInvokeResponse>(response.Body);
        Assert.Same(Card, body.Value);
    }

    [Fact]
    public async Task Reply_to_a_message_sends_the_card_into_the_conversation_and_returns_no_invoke_response()
    {
        Activity? sent = null;
        var sender = new Mock<IActivitySender>();
        sender.Setup(s => s.SendAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<Activity>(), It.IsAny<CancellationToken>()))
            .Callback<string, string, Activity, CancellationToken>((_, _, activity, _) => sent = activity)
            .ReturnsAsync(new ResourceResponse());
        var message = User.Message("help");
        var context = new TurnContext(message, null, sender.Object, Mock.Of<IServiceProvider>());

        var response = await context.ReplyAsync(Card);

        Assert.Null(response);
        sender.Verify(s => s.SendAsync(message.ServiceUrl!, message.Conversation!.Id!, It.IsAny<Activity>(), It.IsAny<CancellationToken>()), Times.Once);
        Assert.Same(Card, Assert.Single(sent!.Attachments!).Content);
    }

    [Fact]
    public async Task Asking_for_the_sender_as_a_member_goes_to_the_connector_for_this_conversation_and_sender()
    {
        var message = User.Message("hi");
        var connector = new Mock<IConnectorClient>();
        connector.Setup(c => c.GetConversationMemberAsync(message.ServiceUrl!, message.Conversation!.Id!, message.From!.Id!, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new TeamsChannelAccount { Id = message.From!.Id, Email = "test.user@contoso.com" });
        var context = new TurnContext(message, null, Mock.Of<IActivitySender>(), Mock.Of<IServiceProvider>(), connector.Object);

        var member = await context.GetSenderAsMemberAsync();

        Assert.Equal("test.user@contoso.com", member.Email);
    }
}

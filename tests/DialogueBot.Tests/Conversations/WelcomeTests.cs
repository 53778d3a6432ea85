using DialogueBot.Testing;

namespace DialogueBot.Tests.Conversations;

/// <summary>A new conversation (the Playground reloaded, a chat started afresh) is greeted; the same one once.</summary>
public sealed class WelcomeTests : BotTest
{
    [Fact]
    public async Task A_new_conversation_of_the_same_person_is_welcomed_again()
    {
        var alex = DemoUsers.Alex(Connector.ServiceUrl);
        await Bot.SendAsync(alex.Install());
        await Connector.WaitForAsync(a => a.ConversationId == alex.ConversationId && a.CardText.Contains("Welcome, Alex", StringComparison.Ordinal));

        var reloaded = alex.Install();
        reloaded.Conversation!.Id = "a:reloaded-conversation";
        await Bot.SendAsync(reloaded);
        await Bot.SendAsync(reloaded); // the install events repeat: still one welcome there

        await Connector.WaitForAsync(a => a.ConversationId == "a:reloaded-conversation" && a.CardText.Contains("Welcome, Alex", StringComparison.Ordinal));
        await Task.Delay(200);
        Assert.Single(Connector.ActivitiesIn("a:reloaded-conversation"), a => a.CardText.Contains("Welcome, Alex", StringComparison.Ordinal));
        Assert.Empty(Connector.CardSchemaErrors);
    }

    [Fact]
    public void The_welcome_card_is_spoken()
    {
        var card = DialogueBot.Conversations.WelcomeCard.Build(new DialogueBot.Org.Caller("x", null), 5);

        CardRules.AssertReadyForPeople(DialogueBot.BotFramework.Schema.BotJson.Serialize(card), "welcome");
    }
}

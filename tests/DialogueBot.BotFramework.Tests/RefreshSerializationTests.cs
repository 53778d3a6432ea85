using System.Text.Json;
using DialogueBot.BotFramework.Cards;
using DialogueBot.BotFramework.Schema;

namespace DialogueBot.BotFramework.Tests;

public class RefreshSerializationTests
{
    [Fact]
    public void The_refresh_action_carries_its_Action_Execute_type()
    {
        var card = new AdaptiveCard { Refresh = new Refresh(new ExecuteAction("Refresh", "x.refresh", new { id = 1 })) };

        using var doc = JsonDocument.Parse(BotJson.Serialize(card));
        var action = doc.RootElement.GetProperty("refresh").GetProperty("action");

        Assert.Equal("Action.Execute", action.GetProperty("type").GetString());
        Assert.Equal("x.refresh", action.GetProperty("verb").GetString());
    }
}

using System.Text.Json;
using DialogueBot.BotFramework.Routing;
using DialogueBot.BotFramework.Schema;

namespace DialogueBot.BotFramework.Tests;

public class ActivitySerializationTests
{
    private const string TeamsMessage = """
        {
          "type": "message",
          "id": "1485983408511",
          "timestamp": "2026-11-23T10:15:00.000Z",
          "localTimestamp": "2026-11-23T11:15:00.000+01:00",
          "serviceUrl": "https://smba.trafficmanager.net/emea/",
          "channelId": "msteams",
          "from": { "id": "29:1XJKJMvc5GBtc2JwZq0oj8tHZmzrQgFmB39ATiQWA85gQtHieVkKilBZ9XHoq9j7Zaqt7CZ-NJWi7me2kHTL3Bw", "name": "Megan Bowen", "aadObjectId": "7faf4d1c-ffb8-4e2a-a4d2-6e4d7d6bd4b5", "futureField": 1 },
          "conversation": { "conversationType": "personal", "tenantId": "72f988bf-86f1-41af-91ab-2d7cd011db47", "id": "a:17I0kl8EkpE1O9PH5TWrzrLqwnNbcoXv" },
          "recipient": { "id": "28:c9e8c047-2a74-40a2-b28a-b162d5f5327c", "name": "DialogueBot" },
          "textFormat": "plain",
          "locale": "en-US",
          "text": "help",
          "entities": [ { "type": "clientInfo", "locale": "en-US", "country": "US", "platform": "Web" } ],
          "channelData": { "tenant": { "id": "72f988bf-86f1-41af-91ab-2d7cd011db47" }, "source": { "name": "message" } },
          "attachments": [],
          "somethingNew": { "nested": [1, 2, 3] }
        }
        """;

    [Fact]
    public void A_Teams_message_reads_into_the_typed_fields()
    {
        var activity = BotJson.Deserialize<Activity>(TeamsMessage)!;

        Assert.Equal(ActivityTypes.Message, activity.Type);
        Assert.Equal("https://smba.trafficmanager.net/emea/", activity.ServiceUrl);
        Assert.Equal("7faf4d1c-ffb8-4e2a-a4d2-6e4d7d6bd4b5", activity.FromAadObjectId);
        Assert.Equal(ConversationTypes.Personal, activity.Conversation!.ConversationType);
        Assert.Equal("72f988bf-86f1-41af-91ab-2d7cd011db47", activity.ChannelData!.Tenant!.Id);
        Assert.Equal("clientInfo", activity.Entities![0].Type);
    }

    [Fact]
    public void Properties_the_types_do_not_name_survive_a_round_trip()
    {
        var activity = BotJson.Deserialize<Activity>(TeamsMessage)!;
        using var written = JsonDocument.Parse(BotJson.Serialize(activity));
        var root = written.RootElement;

        Assert.Equal("[1,2,3]", root.GetProperty("somethingNew").GetProperty("nested").GetRawText());
        Assert.Equal(1, root.GetProperty("from").GetProperty("futureField").GetInt32());
        Assert.Equal("message", root.GetProperty("channelData").GetProperty("source").GetProperty("name").GetString());
        Assert.Equal("US", root.GetProperty("entities")[0].GetProperty("country").GetString());
    }

    [Fact]
    public void Writes_camelCase_and_omits_nulls()
    {
        var json = BotJson.Serialize(new Activity { Type = ActivityTypes.Message, Text = "hi", ReplyToId = "1" });

        Assert.Equal("""{"type":"message","text":"hi","replyToId":"1"}""", json);
    }

    [Fact]
    public void An_invoke_for_a_card_action_yields_its_verb_and_data()
    {
        var activity = BotJson.Deserialize<Activity>("""
            {"type":"invoke","name":"adaptiveCard/action","value":{"action":{"type":"Action.Execute","verb":"pulse.answer","data":{"pulseId":"p1","q1":"4"}},"trigger":"manual"}}
            """)!;

        var action = CardActionRequest.From(activity)!;

        Assert.Equal("pulse.answer", action.Verb);
        Assert.True(action.IsInvoke);
        Assert.False(action.IsRefresh);
        Assert.Equal("p1", action.GetString("pulseId"));
        Assert.Equal(4, action.GetInt64("q1"));
    }

    [Fact]
    public void An_Action_Submit_message_with_a_verb_is_a_card_action_too()
    {
        var activity = BotJson.Deserialize<Activity>("""{"type":"message","replyToId":"9","value":{"verb":"question.upvote","questionId":"q7"}}""")!;

        var action = CardActionRequest.From(activity)!;

        Assert.Equal("question.upvote", action.Verb);
        Assert.False(action.IsInvoke);
        Assert.Equal("q7", action.GetString("questionId"));
    }

    [Fact]
    public void A_refresh_invoke_is_marked_as_such()
    {
        var activity = BotJson.Deserialize<Activity>("""{"type":"invoke","name":"adaptiveCard/action","value":{"action":{"type":"Action.Execute","verb":"board.refresh"},"trigger":"automatic"}}""")!;

        Assert.True(CardActionRequest.From(activity)!.IsRefresh);
    }

    [Fact]
    public void Hostile_nesting_fails_fast_instead_of_recursing()
    {
        var deep = new string('[', 5000) + new string(']', 5000);
        var json = $$"""{"type":"message","value":{{deep}}}""";

        Assert.ThrowsAny<JsonException>(() => BotJson.Deserialize<Activity>(json));
    }

    [Fact]
    public void A_reply_is_addressed_back_to_the_sender()
    {
        var activity = BotJson.Deserialize<Activity>(TeamsMessage)!;

        var reply = activity.CreateReply("hello");

        Assert.Equal(activity.Conversation!.Id, reply.Conversation!.Id);
        Assert.Equal(activity.From!.Id, reply.Recipient!.Id);
        Assert.Equal(activity.Recipient!.Id, reply.From!.Id);
        Assert.Equal(activity.Id, reply.ReplyToId);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DialogueBot.Loop;
using DialogueBot.Testing;
using DialogueBot.Tests.TownHall;

namespace DialogueBot.Tests.Loop;

/// <summary>A host follows up with an anonymous asker who allowed it; the asker answers back anonymously; nobody else can, and a question without the tick has no thread.</summary>
public sealed class LoopTownHallFollowUpTests : TownHallTest
{
    private Task<JsonElement> AskWithFollowUpAsync(TeamsUser user, string townHallId, string text) =>
        Bot.InvokeCardAsync(user.Execute("townhall.ask", new { townHallId, text, anonymous = "true", follow = "false", followUpOk = "true", askId = DialogueBot.TownHall.AskerTokens.NewAskId() }));

    private IReadOnlyList<ReceivedActivity> CardsTo(TeamsUser user, string start) =>
        Connector.ActivitiesIn(user.ConversationId).Where(a => a.Kind == ActivityKinds.Send && a.Card.ValueKind == JsonValueKind.Object && a.Card.GetProperty("fallbackText").GetString()!.StartsWith(start, StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task A_host_asks_an_anonymous_asker_a_follow_up_and_the_answer_comes_back_once_without_a_name()
    {
        var asker = User("p13");
        var other = User("p14");
        var host = User("p01");
        foreach (var user in new[] { asker, other, host })
        {
            await Bot.SendAsync(user.Install());
        }

        var hallId = await CreateTownHallAsync(hosts: ["p01"]);
        Assert.Contains("hosts may follow up", TextOf(await Bot.InvokeCardAsync(asker.Execute("townhall.askForm", new { townHallId = hallId }))), StringComparison.Ordinal);
        await AskWithFollowUpAsync(asker, hallId, "Why did the reorganisation skip our team?");
        await AskAsync(other, hallId, "When is the next offsite?");
        var question = await QuestionAsync(hallId, "Why did the reorganisation skip our team?");
        var plain = await QuestionAsync(hallId, "When is the next offsite?");

        using var hostApi = Api("00000000-0000-0000-0000-0000000000021");
        var loop = JsonDocument.Parse(await hostApi.GetStringAsync($"/api/loop/townhall/{hallId}")).RootElement;
        var followUps = loop.GetProperty("followUps").EnumerateArray().ToList();
        var followUp = Assert.Single(followUps); // the question asked without the tick has no thread
        Assert.Equal(question.Id, followUp.GetProperty("questionId").GetString());
        Assert.NotEqual(plain.Id, followUp.GetProperty("questionId").GetString());
        var threadId = followUp.GetProperty("threadId").GetString()!;

        // A manager who is not a host cannot follow up; the host can, once per message id.
        using var managerApi = Api(DemoUsers.All.Single(p => p.Id == "p14").AadObjectId!);
        Assert.Equal(HttpStatusCode.Forbidden, (await managerApi.PostAsJsonAsync($"/api/loop/threads/{hallId}/{threadId}/replies", new { messageId = "h0", text = "Hi" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await hostApi.PostAsJsonAsync($"/api/loop/threads/{hallId}/{threadId}/replies", new { messageId = "h1", text = "Which team do you mean?" })).StatusCode);
        await Connector.WaitUntilAsync(_ => CardsTo(asker, "Megan Bowen replied to your anonymous question").Count >= 1);
        var card = CardsTo(asker, "Megan Bowen replied to your anonymous question")[0].CardText;
        Assert.Contains("Which team do you mean?", card, StringComparison.Ordinal);
        Assert.DoesNotContain("reorganisation", card, StringComparison.Ordinal); // the asker's chat does not quote the question

        Assert.Contains("Not available", TextOf(await Bot.InvokeCardAsync(other.Execute("loop.answer", new { scope = hallId, threadId, messageId = "x", text = "me" }))), StringComparison.Ordinal);
        Assert.Contains("anonymously", TextOf(await Bot.InvokeCardAsync(asker.Execute("loop.answer", new { scope = hallId, threadId, messageId = "a1", text = "Platform, in Engineering." }))), StringComparison.Ordinal);
        await Connector.WaitUntilAsync(_ => CardsTo(host, "The anonymous author answered you").Count >= 1);
        var back = CardsTo(host, "The anonymous author answered you")[0].CardText;
        Assert.Contains("Platform, in Engineering.", back, StringComparison.Ordinal);
        Assert.DoesNotContain("Adele", back, StringComparison.Ordinal);
        await Task.Delay(500);
        Assert.Single(CardsTo(asker, "Megan Bowen replied"));
        Assert.Single(CardsTo(host, "The anonymous author answered you"));
        Assert.Empty(Connector.CardSchemaErrors);
    }
}

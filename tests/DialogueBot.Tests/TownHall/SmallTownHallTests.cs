using System.Net;
using System.Net.Http.Json;
using DialogueBot.TownHall.Questions;

namespace DialogueBot.Tests.TownHall;

/// <summary>A town hall whose audience is smaller than k offers no anonymous asking, and says so.</summary>
public sealed class SmallTownHallTests : TownHallTest
{
    private const string CeoAad = "e0000000-0000-4000-8000-000000000001";
    private const string TinaAad = "e0000000-0000-4000-8000-000000000002";

    [Fact]
    public async Task A_town_hall_of_two_people_takes_named_questions_only_and_says_so()
    {
        // An org where the unit "Tiny" has two people, under k = 5; the CEO (executive and HR) opens the hall.
        await Bot.ImportOrgAsync(
            "id,aadObjectId,email,name,managerId,orgUnit,role\n" +
            $"c1,{CeoAad},ceo@small.example,Cora Chief,,Exec,executive;hr\n" +
            $"t1,{TinaAad},tina@small.example,Tina Two,c1,Tiny,manager\n" +
            "t2,e0000000-0000-4000-8000-000000000003,tom@small.example,Tom Two,c1,Tiny,manager\n");
        var townHallId = await CreateTownHallAsync(audience: ["Tiny"], asUser: CeoAad, hosts: ["c1"]);
        var patti = new DialogueBot.Testing.TeamsUser(TinaAad, "Tina Two", Connector.ServiceUrl);

        var form = await Bot.InvokeCardAsync(patti.Execute("townhall.askForm", new { townHallId }));
        Assert.Contains("Questions here are named: the audience is smaller than 5 people", TextOf(form), StringComparison.Ordinal);
        Assert.DoesNotContain("Ask anonymously", TextOf(form), StringComparison.Ordinal);

        // An anonymous ask through a card or the API is refused, clearly, and stores nothing.
        var refused = await AskAsync(patti, townHallId, "Will the hiring freeze affect backfills?", anonymous: true);
        Assert.Contains("Questions in this town hall are named", TextOf(refused), StringComparison.Ordinal);
        using var api = Api(TinaAad);
        using var response = await api.PostAsJsonAsync($"/api/townhalls/{townHallId}/questions", new { text = "Will the hiring freeze affect backfills?", anonymous = true });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("smaller than 5 people", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await QuestionsAsync(townHallId));

        // Typing "ask …" shows the form (saying questions are named) instead of storing it with a name unasked.
        await Bot.SendAsync(patti.Message("ask Will the hiring freeze affect backfills?"));
        var shown = await Connector.WaitForAsync(a => a.ConversationId == patti.ConversationId && a.CardText.Contains("Questions here are named", StringComparison.Ordinal));
        Assert.Contains("Ask a question", shown.CardText, StringComparison.Ordinal);
        Assert.Empty(await QuestionsAsync(townHallId));

        // Pressing Ask on that form (it sends anonymous=false) stores the question with her name.
        var askId = ActionData(form, "townhall.ask").GetProperty("askId").GetString();
        var posted = await Bot.InvokeCardAsync(patti.Execute("townhall.ask", new { townHallId, askId, anonymous = "false", text = "Will the hiring freeze affect backfills?" }));
        Assert.Contains("Asked with your name", TextOf(posted), StringComparison.Ordinal);
        var question = Assert.Single(await QuestionsAsync(townHallId));
        Assert.False(question.Anonymous);
        Assert.Equal("t1", question.AuthorPersonId);
        Assert.Equal(QuestionState.Open, question.State);
    }
}

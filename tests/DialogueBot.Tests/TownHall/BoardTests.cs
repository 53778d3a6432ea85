using System.Text.Json;
using DialogueBot.Insights;
using DialogueBot.Testing;
using DialogueBot.TownHall;

namespace DialogueBot.Tests.TownHall;

/// <summary>The board card in chat (command, refresh, paging, filters) and the insights other features read.</summary>
public sealed class BoardTests(SharedBot host) : TownHallTest(host), IClassFixture<SharedBot>
{
    [Fact]
    public async Task The_questions_command_sends_a_ranked_board_that_refreshes_itself()
    {
        var townHallId = await CreateTownHallAsync();
        var receipt = await AskAsync(User("p13"), townHallId, "Will the hiring freeze affect backfills?");
        await AskAsync(User("p14"), townHallId, "Is there budget for conference travel next year?");
        var travel = await QuestionAsync(townHallId, "Is there budget for conference travel next year?");
        await VoteAsync(User("p06"), townHallId, travel.Id);
        var adele = User("p13");

        await Bot.SendAsync(adele.Message("questions"));

        var board = await Connector.WaitForAsync(a => a.ConversationId == adele.ConversationId && a.CardText.Contains("Question board", StringComparison.Ordinal));
        var text = board.CardText;
        Assert.True(text.IndexOf("conference travel", StringComparison.Ordinal) < text.IndexOf("hiring freeze", StringComparison.Ordinal), "ranked by votes");
        var refresh = board.Card.GetProperty("refresh").GetProperty("action");
        Assert.Equal("Action.Execute", refresh.GetProperty("type").GetString());
        Assert.Equal("townhall.board", refresh.GetProperty("verb").GetString());
        // Typed "questions" carries no asker token: the server cannot tell (by design) which anonymous question is hers.
        Assert.DoesNotContain("yours", text, StringComparison.Ordinal);

        // From her receipt, the board carries her token, and so does its refresh: Teams runs it, the card comes back current.
        var fromReceipt = await Bot.InvokeCardAsync(adele.Execute("townhall.board", JsonSerializer.Deserialize<JsonElement>(ActionData(receipt, "townhall.board").GetRawText())));
        Assert.Contains("yours", TextOf(fromReceipt), StringComparison.Ordinal);
        refresh = fromReceipt.GetProperty("refresh").GetProperty("action");
        await VoteAsync(User("p07"), townHallId, (await QuestionAsync(townHallId, "Will the hiring freeze affect backfills?")).Id);
        await VoteAsync(User("p08"), townHallId, (await QuestionAsync(townHallId, "Will the hiring freeze affect backfills?")).Id);
        var refreshed = TextOf(await Bot.InvokeCardAsync(adele.Execute("townhall.board", JsonSerializer.Deserialize<JsonElement>(refresh.GetProperty("data").GetRawText()), refresh: true)));
        Assert.True(refreshed.IndexOf("hiring freeze", StringComparison.Ordinal) < refreshed.IndexOf("conference travel", StringComparison.Ordinal), "re-ranked");
        Assert.Contains("yours", refreshed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_board_pages_and_filters()
    {
        var townHallId = await CreateTownHallAsync();
        var topics = new[] { "hiring freeze backfills", "conference travel budget", "remote work policy", "on-call load reorg", "pricing model targets", "office relocation timeline", "bonus calculation changes" };
        foreach (var topic in topics)
        {
            await AskAsync(User("p13"), townHallId, $"What about the {topic}?");
        }

        var first = TextOf(await Bot.InvokeCardAsync(User("p14").Execute("townhall.board", new { townHallId, filter = "open", page = 0 })));
        var second = TextOf(await Bot.InvokeCardAsync(User("p14").Execute("townhall.board", new { townHallId, filter = "open", page = 1 })));
        Assert.Contains("Page 1 of 2", first, StringComparison.Ordinal);
        Assert.Contains("hiring freeze", first, StringComparison.Ordinal);
        Assert.Contains("Page 2 of 2", second, StringComparison.Ordinal);
        Assert.Contains("bonus calculation", second, StringComparison.Ordinal);
        Assert.DoesNotContain("hiring freeze", second, StringComparison.Ordinal);

        var mine = TextOf(await Bot.InvokeCardAsync(User("p14").Execute("townhall.board", new { townHallId, filter = "mine" })));
        Assert.Contains("Nothing here.", mine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_outside_the_org_cannot_see_the_board()
    {
        var townHallId = await CreateTownHallAsync();

        var card = await Bot.InvokeCardAsync(DemoUsers.Stranger(Connector.ServiceUrl).Execute("townhall.board", new { townHallId }));

        Assert.Contains("Not available to you", TextOf(card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Question_insights_list_the_top_open_questions_for_a_unit()
    {
        var townHallId = await CreateTownHallAsync(audience: ["Engineering"]);
        await AskAsync(User("p13"), townHallId, "Will the hiring freeze affect backfills?");
        await AskAsync(User("p14"), townHallId, "Is there budget for conference travel next year?");
        await VoteAsync(User("p06"), townHallId, (await QuestionAsync(townHallId, "Is there budget for conference travel next year?")).Id);

        var insights = Bot.Service<IQuestionInsights>();
        Assert.IsType<TownHallQuestionInsights>(insights);
        var top = await insights.TopOpenQuestionsAsync("Engineering/Platform", 5, CancellationToken.None);
        Assert.Equal(["Is there budget for conference travel next year?", "Will the hiring freeze affect backfills?"], top.Select(q => q.Text));
        Assert.Equal("Q3 town hall", top[0].TownHallTitle);
        Assert.Empty(await insights.TopOpenQuestionsAsync("Operations/Service", 5, CancellationToken.None));
    }
}

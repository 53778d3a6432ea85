using System.Net.Http.Json;
using System.Text.Json;
using DialogueBot.Testing;
using DialogueBot.TownHall;

namespace DialogueBot.Tests.TownHall;

/// <summary>
/// The board card as issue 17 asked: a place and a vote count apart (a stored number never looks like a rank),
/// host actions in the overflow, a stale press answered on the board, "ask" choosing the hall with the person,
/// and the card and the tab showing the same hall when none is named.
/// </summary>
public sealed class BoardCardTests(SharedBot host) : TownHallTest(host), IClassFixture<SharedBot>
{
    private const string MeganAad = "00000000-0000-0000-0000-0000000000021";

    [Fact]
    public async Task Each_question_shows_its_place_apart_from_its_votes_and_hosts_find_their_actions_in_the_overflow()
    {
        var townHallId = await CreateTownHallAsync();
        await AskAsync(User("p13"), townHallId, "Will the hiring freeze affect backfills?");
        await AskAsync(User("p14"), townHallId, "Is there budget for conference travel next year?");
        await VoteAsync(User("p06"), townHallId, (await QuestionAsync(townHallId, "Is there budget for conference travel next year?")).Id);

        var voter = await Bot.InvokeCardAsync(User("p15").Execute("townhall.board", new { townHallId }));
        var text = TextOf(voter);
        Assert.DoesNotContain("#", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("1st", StringComparison.Ordinal) < text.IndexOf("conference travel", StringComparison.Ordinal), text);
        Assert.True(text.IndexOf("conference travel", StringComparison.Ordinal) < text.IndexOf("2nd", StringComparison.Ordinal), text);
        Assert.Contains("1 vote · Anonymous", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Actions(voter), a => a.TryGetProperty("mode", out _));

        var host = await Bot.InvokeCardAsync(User("p01").Execute("townhall.board", new { townHallId }));
        // The row's own host buttons (the ShowCards, Pin); the buttons inside a shown card are that card's own.
        var hostActions = Actions(host).Where(a => a.GetProperty("type").GetString() == "Action.ShowCard" || a.GetProperty("title").GetString() == "Pin").ToList();
        Assert.Equal(2 * 4, hostActions.Count); // Answer, Dismiss, Merge, Pin under each of the two questions
        Assert.All(hostActions, a => Assert.Equal("secondary", a.GetProperty("mode").GetString()));
        Assert.All(Actions(host).Where(a => a.TryGetProperty("title", out var t) && t.GetString() == "▲ Upvote"), a => Assert.False(a.TryGetProperty("mode", out _)));
        Assert.Empty(Connector.CardSchemaErrors);
    }

    [Fact]
    public async Task An_upvote_on_an_old_card_keeps_the_board_and_says_why_in_a_notice()
    {
        var townHallId = await CreateTownHallAsync();
        await AskAsync(User("p13"), townHallId, "Will the hiring freeze affect backfills?");
        var question = await QuestionAsync(townHallId, "Will the hiring freeze affect backfills?");
        var oldCard = await Bot.InvokeCardAsync(User("p15").Execute("townhall.board", new { townHallId }));
        using (var host = Api(MeganAad))
        {
            (await host.PostAsJsonAsync($"/api/townhalls/{townHallId}/questions/{question.Id}/moderation", new { action = "answer", text = "No: backfills go ahead." })).EnsureSuccessStatusCode();
        }

        var pressed = await Bot.InvokeCardAsync(User("p15").Execute("townhall.vote", JsonSerializer.Deserialize<JsonElement>(ActionData(oldCard, "townhall.vote").GetRawText())));

        var text = TextOf(pressed);
        Assert.Contains("Question board", text, StringComparison.Ordinal);
        Assert.Contains("Votes are closed for this question", text, StringComparison.Ordinal);
        Assert.DoesNotContain("That did not work", text, StringComparison.Ordinal);
        Assert.Contains(Walk(pressed), e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("style", out var s) && s.GetString() == "warning");
        Assert.Equal(0, (await QuestionAsync(townHallId, "Will the hiring freeze affect backfills?")).Votes);
    }

    [Fact]
    public async Task Ask_with_several_town_halls_open_asks_which_and_stores_nothing_until_the_form_is_sent()
    {
        var first = await CreateTownHallAsync(title: "Q3 company town hall");
        var second = await CreateTownHallAsync(title: "Service all-hands", closesAt: DateTimeOffset.UtcNow.AddDays(4));
        var adele = User("p13");

        await Bot.SendAsync(adele.Message("ask Will the hiring freeze affect backfills?"));

        var choose = (await Connector.WaitForAsync(a => a.ConversationId == adele.ConversationId && a.CardText.Contains("Which town hall?", StringComparison.Ordinal))).Card;
        var offered = Actions(choose).Where(a => a.GetProperty("verb").GetString() == "townhall.askForm").Select(a => a.GetProperty("data").GetProperty("townHallId").GetString()).ToList();
        Assert.Equal([first, second], offered);
        Assert.Empty(await QuestionsAsync(first));
        Assert.Empty(await QuestionsAsync(second));

        var form = await Bot.InvokeCardAsync(adele.Execute("townhall.askForm", JsonSerializer.Deserialize<JsonElement>(Actions(choose).Last().GetProperty("data").GetRawText())));
        Assert.Equal("Will the hiring freeze affect backfills?", InputValue(form, "text"));
        Assert.Equal(second, ActionData(form, "townhall.ask").GetProperty("townHallId").GetString());
        Assert.NotNull(InputValue(form, "anonymous"));
        Assert.Empty(Connector.CardSchemaErrors);
    }

    [Fact]
    public async Task The_questions_card_and_the_tab_list_lead_with_the_same_town_hall()
    {
        await CreateTownHallAsync(title: "Later all-hands", closesAt: DateTimeOffset.UtcNow.AddDays(6));
        var soonest = await CreateTownHallAsync(title: "Sooner town hall", closesAt: DateTimeOffset.UtcNow.AddDays(1));
        var adele = User("p13");

        await Bot.SendAsync(adele.Message("questions"));
        var card = await Connector.WaitForAsync(a => a.ConversationId == adele.ConversationId && a.CardText.Contains("Question board", StringComparison.Ordinal));
        using var api = Api(adele.AadObjectId);
        var list = await api.GetFromJsonAsync<JsonElement>("/api/townhalls");

        Assert.Equal(soonest, list[0].GetProperty("id").GetString());
        Assert.Contains("Sooner town hall", card.CardText, StringComparison.Ordinal);
    }

    private static List<JsonElement> Actions(JsonElement card) =>
        Walk(card).Where(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("type", out var t) && t.GetString()?.StartsWith("Action.", StringComparison.Ordinal) == true).ToList();
}

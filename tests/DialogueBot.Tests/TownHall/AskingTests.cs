using System.Net;
using System.Net.Http.Json;
using DialogueBot.Testing;
using DialogueBot.TownHall.Questions;

namespace DialogueBot.Tests.TownHall;

/// <summary>Asking, editing and withdrawing, through the real pipeline (chat messages and card presses).</summary>
public sealed class AskingTests(SharedBot host) : TownHallTest(host), IClassFixture<SharedBot>
{
    [Fact]
    public async Task Ask_command_offers_named_or_anonymous_first_and_posts_an_anonymous_question_that_names_nobody()
    {
        var townHallId = await CreateTownHallAsync();
        var adele = User("p13");

        // Typing stores nothing yet: the form comes pre-filled, with the choice of named or anonymous.
        await Bot.SendAsync(adele.Message("ask Will the hiring freeze affect backfills for leavers?"));
        var form = (await Connector.WaitForAsync(a => a.ConversationId == adele.ConversationId)).Card;
        Assert.Equal("Will the hiring freeze affect backfills for leavers?", InputValue(form, "text"));
        Assert.Equal("true", InputValue(form, "anonymous"));
        Assert.Empty(await QuestionsAsync(townHallId));

        var receipt = await AskByTypingAsync(adele, townHallId, "Will the hiring freeze affect backfills for leavers?");
        Assert.Contains("Your question is on the board", TextOf(receipt), StringComparison.Ordinal);
        Assert.Contains("Asked anonymously", TextOf(receipt), StringComparison.Ordinal);
        var question = Assert.Single(await QuestionsAsync(townHallId));
        Assert.True(question.Anonymous);
        Assert.Equal("", question.AuthorPersonId);
        Assert.Equal(QuestionState.Open, question.State);
        Assert.Equal(1, question.Number);
        Assert.Empty(Connector.CardSchemaErrors);
    }

    [Fact]
    public async Task A_named_question_shows_its_asker_on_the_board()
    {
        var townHallId = await CreateTownHallAsync();
        var card = await AskAsync(User("p15"), townHallId, "How will the new pricing model change our targets?", anonymous: false);

        Assert.Contains("Asked with your name", TextOf(card), StringComparison.Ordinal);
        var question = Assert.Single(await QuestionsAsync(townHallId));
        Assert.False(question.Anonymous);
        Assert.Equal("p15", question.AuthorPersonId);

        using var api = Api(PattiAad);
        var board = await api.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/townhalls/{townHallId}/questions");
        Assert.Equal("Henrietta Mueller", board.GetProperty("questions")[0].GetProperty("author").GetString());
    }

    [Fact]
    public async Task The_asker_edits_and_withdraws_their_own_question()
    {
        var townHallId = await CreateTownHallAsync();
        var adele = User("p13");
        var token = TokenOf(await AskAsync(adele, townHallId, "What is the plan for on-call load after the reorg?"));
        var question = Assert.Single(await QuestionsAsync(townHallId));

        // Her AAD id alone proves nothing about an anonymous question: the token from her own card does.
        var bare = await Bot.InvokeCardAsync(adele.Execute("townhall.edit", new { townHallId, questionId = question.Id, text = "Edited without the card's token, which must fail" }));
        Assert.Contains("Only the person who asked a question can change or withdraw it", TextOf(bare), StringComparison.Ordinal);

        var edited = await Bot.InvokeCardAsync(adele.Execute("townhall.edit", new { townHallId, questionId = question.Id, text = "What is the plan for on-call load in Service after the reorg?", token }));
        Assert.Contains("Your question was updated", TextOf(edited), StringComparison.Ordinal);
        Assert.Equal(token, TokenOf(edited));
        Assert.Equal("What is the plan for on-call load in Service after the reorg?", (await QuestionsAsync(townHallId)).Single().Text);

        var withdrawn = await Bot.InvokeCardAsync(adele.Execute("townhall.withdraw", new { townHallId, questionId = question.Id, token }));
        Assert.Contains("Question withdrawn", TextOf(withdrawn), StringComparison.Ordinal);
        var stored = (await QuestionsAsync(townHallId)).Single();
        Assert.Equal(QuestionState.Withdrawn, stored.State);
        Assert.Equal("", stored.Text);
    }

    [Fact]
    public async Task Someone_else_cannot_edit_or_withdraw_a_question()
    {
        var townHallId = await CreateTownHallAsync();
        await AskAsync(User("p13"), townHallId, "Can we get clarity on the remote-work policy?");
        var question = Assert.Single(await QuestionsAsync(townHallId));
        var pradeep = User("p14");
        var forged = DialogueBot.TownHall.AskerTokens.NewAskId(); // a well-formed token that is not the asker's

        var edit = await Bot.InvokeCardAsync(pradeep.Execute("townhall.edit", new { townHallId, questionId = question.Id, text = "Something else entirely, written by another person", token = forged }));
        var withdraw = await Bot.InvokeCardAsync(pradeep.Execute("townhall.withdraw", new { townHallId, questionId = question.Id }));

        Assert.Contains("Only the person who asked a question can change or withdraw it", TextOf(edit), StringComparison.Ordinal);
        Assert.Contains("Not available to you", TextOf(withdraw), StringComparison.Ordinal);
        using var api = Api("00000000-0000-0000-0000-0000000000021"); // the CEO is no more the asker than anyone else
        using var response = await api.PutAsJsonAsync($"/api/townhalls/{townHallId}/questions/{question.Id}", new { text = "Rewritten by an executive, which must fail", token = forged });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var delete = await api.DeleteAsync($"/api/townhalls/{townHallId}/questions/{question.Id}");
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        var stored = (await QuestionsAsync(townHallId)).Single();
        Assert.Equal("Can we get clarity on the remote-work policy?", stored.Text);
        Assert.Equal(QuestionState.Open, stored.State);
    }

    [Fact]
    public async Task A_closed_window_refuses_new_questions_clearly()
    {
        var now = DateTimeOffset.UtcNow;
        var townHallId = await CreateTownHallAsync(opensAt: now.AddDays(-3), closesAt: now.AddDays(-1));

        var card = await AskAsync(User("p13"), townHallId, "Is this still going to be answered?");

        var text = TextOf(card);
        Assert.Contains("Questions are closed", text, StringComparison.Ordinal);
        Assert.Contains("closed on", text, StringComparison.Ordinal);
        Assert.Empty(await QuestionsAsync(townHallId));
        using var api = Api("00000000-0000-0000-0000-0000000000022");
        using var response = await api.PostAsJsonAsync($"/api/townhalls/{townHallId}/questions", new { text = "Is this still going to be answered?" });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("closed on", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_short_and_too_long_questions_get_the_form_back_with_a_clear_message()
    {
        var townHallId = await CreateTownHallAsync();

        var shortCard = await AskAsync(User("p13"), townHallId, "Why?");
        var longCard = await AskAsync(User("p13"), townHallId, new string('x', 501));

        Assert.Contains("at least 10 characters", TextOf(shortCard), StringComparison.Ordinal);
        Assert.Contains("limited to 500 characters; yours has 501", TextOf(longCard), StringComparison.Ordinal);
        Assert.Empty(await QuestionsAsync(townHallId));
    }

    [Fact]
    public async Task A_look_alike_question_offers_upvoting_the_existing_one_or_asking_anyway()
    {
        var townHallId = await CreateTownHallAsync();
        await AskAsync(User("p13"), townHallId, "Will the hiring freeze affect backfills?");

        var offer = await AskAsync(User("p14"), townHallId, "Does the hiring freeze affect backfills too?");
        Assert.Contains("Upvote that one instead", TextOf(offer), StringComparison.Ordinal);
        Assert.Single(await QuestionsAsync(townHallId));

        var existing = Assert.Single(await QuestionsAsync(townHallId));
        await VoteAsync(User("p14"), townHallId, existing.Id);
        Assert.Equal(1, (await QuestionsAsync(townHallId)).Single().Votes);

        var anyway = await AskAsync(User("p14"), townHallId, "Does the hiring freeze affect backfills too?", force: true);
        Assert.Contains("Your question is on the board", TextOf(anyway), StringComparison.Ordinal);
        Assert.Equal(2, (await QuestionsAsync(townHallId)).Count);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task A_retried_or_double_pressed_ask_posts_one_question_and_answers_both_presses_alike(bool force, bool preModeration)
    {
        var townHallId = await CreateTownHallAsync(preModeration: preModeration);
        var adele = User("p13");
        const string text = "Will the hiring freeze affect backfills for leavers?";

        // Both presses come from the same form, so they carry the ask id it was built with.
        var askId = await AskIdFromFormAsync(adele, townHallId);
        var first = await AskAsync(adele, townHallId, text, follow: true, force: force, askId: askId);
        var again = await AskAsync(adele, townHallId, text, follow: true, force: force, askId: askId);

        var question = Assert.Single(await QuestionsAsync(townHallId));
        Assert.Equal(preModeration ? QuestionState.Pending : QuestionState.Open, question.State);
        Assert.Equal(TextOf(first), TextOf(again));
        Assert.Equal(TokenOf(first), TokenOf(again)); // the retry gets the same token back, though it is stored nowhere
        Assert.Contains(preModeration ? "Question sent for review" : "Your question is on the board", TextOf(again), StringComparison.Ordinal);

        // The same words from someone else are theirs to ask: the look-alike offer, then a question of their own.
        // Her second press is "Ask mine anyway" on the look-alike card, which carries her form's ask id.
        var megan = User("p14");
        var hers = await AskIdFromFormAsync(megan, townHallId);
        Assert.NotEqual(askId, hers);
        var offer = await AskAsync(megan, townHallId, text, askId: hers);
        Assert.Contains(preModeration ? "Question sent for review" : "Upvote that one instead", TextOf(offer), StringComparison.Ordinal);
        if (!preModeration)
        {
            Assert.Equal(hers, ActionData(offer, "townhall.ask").GetProperty("askId").GetString());
        }

        await AskAsync(megan, townHallId, text, force: true, askId: hers);
        Assert.Equal(2, (await QuestionsAsync(townHallId)).Count);
    }

    [Fact]
    public async Task Someone_outside_the_audience_cannot_ask()
    {
        var townHallId = await CreateTownHallAsync(audience: ["Engineering"]);

        var card = await AskAsync(User("p20"), townHallId, "What about the Service team's roadmap?");

        Assert.Contains("another part of the organisation", TextOf(card), StringComparison.Ordinal);
        Assert.Empty(await QuestionsAsync(townHallId));
    }
}

using System.Net;
using System.Net.Http.Json;
using DialogueBot.Testing;
using DialogueBot.TownHall;
using DialogueBot.TownHall.QuestionFollowers;
using DialogueBot.TownHall.Questions;

namespace DialogueBot.Tests.TownHall;

/// <summary>Hosts moderate and answer; followers hear about it; nobody else may moderate.</summary>
public sealed class ModerationTests(SharedBot host) : TownHallTest(host), IClassFixture<SharedBot>
{
    private TeamsUser Megan => User("p01"); // the host

    [Fact]
    public async Task A_host_dismisses_with_a_reason_the_audience_can_read()
    {
        var townHallId = await CreateTownHallAsync();
        await AskAsync(User("p13"), townHallId, "Can we have free lunches every single day?");
        var question = Assert.Single(await QuestionsAsync(townHallId));

        var withoutReason = await Bot.InvokeCardAsync(Megan.Execute("townhall.moderate", new { townHallId, questionId = question.Id, action = "dismiss" }));
        Assert.Contains("Say briefly why", TextOf(withoutReason), StringComparison.Ordinal);

        var board = await Bot.InvokeCardAsync(Megan.Execute("townhall.moderate", new Dictionary<string, object> { ["townHallId"] = townHallId, ["questionId"] = question.Id, ["action"] = "dismiss", [$"reason-{question.Id}"] = "Out of scope for this town hall" }));
        Assert.Contains("Dismissed.", TextOf(board), StringComparison.Ordinal);
        var stored = Assert.Single(await QuestionsAsync(townHallId));
        Assert.Equal(QuestionState.Dismissed, stored.State);
        Assert.Equal("Out of scope for this town hall", stored.DismissReason);

        using var api = Api("00000000-0000-0000-0000-0000000000022");
        var dismissed = await api.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/townhalls/{townHallId}/questions?filter=dismissed");
        Assert.Equal("Out of scope for this town hall", dismissed.GetProperty("questions")[0].GetProperty("dismissReason").GetString());
    }

    [Fact]
    public async Task A_manager_pressing_a_moderation_button_is_not_allowed()
    {
        var townHallId = await CreateTownHallAsync();
        await AskAsync(User("p13"), townHallId, "Will the hiring freeze affect backfills?");
        var question = Assert.Single(await QuestionsAsync(townHallId));

        var card = await Bot.InvokeCardAsync(User("p14").Execute("townhall.moderate", new { townHallId, questionId = question.Id, action = "pin" }));
        using var api = Api("d0000000-0000-4000-8000-000000000014");
        using var response = await api.PostAsJsonAsync($"/api/townhalls/{townHallId}/questions/{question.Id}/moderation", new { action = "answer", text = "Yes" });

        Assert.Contains("Not available to you", TextOf(card), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False((await QuestionsAsync(townHallId)).Single().Pinned);
    }

    [Fact]
    public async Task Answering_notifies_the_named_asker_every_upvoter_and_the_anonymous_asker_who_followed_once_each()
    {
        var townHallId = await CreateTownHallAsync();
        var named = User("p15");
        var anonymous = User("p13");
        var upvoters = new[] { User("p06"), User("p07") };
        var bystander = User("p16");
        foreach (var user in upvoters.Append(named).Append(anonymous).Append(bystander))
        {
            await Bot.SendAsync(user.Install());
        }

        await Connector.WaitUntilAsync(c => c.Activities.Count >= 5);
        await AskAsync(named, townHallId, "How will the new pricing model change our targets?", anonymous: false);
        await AskAsync(anonymous, townHallId, "Will the hiring freeze affect backfills?", anonymous: true, follow: true);
        var pricing = await QuestionAsync(townHallId, "How will the new pricing model change our targets?");
        var freeze = await QuestionAsync(townHallId, "Will the hiring freeze affect backfills?");
        foreach (var user in upvoters)
        {
            await VoteAsync(user, townHallId, pricing.Id);
            await VoteAsync(user, townHallId, freeze.Id);
        }

        // The anonymous asker's follow is an ordinary follower row, written at once, and no vote of theirs.
        var followers = Bot.Service<QuestionFollowerRepository>();
        Assert.Equal(3, (await followers.ListAsync(townHallId, freeze.Id, CancellationToken.None)).Count);
        Assert.Equal(2, (await QuestionAsync(townHallId, freeze.Text)).Votes);

        using var host = Api("00000000-0000-0000-0000-0000000000021");
        (await host.PostAsJsonAsync($"/api/townhalls/{townHallId}/questions/{pricing.Id}/moderation", new { action = "answer", text = "Targets move with the new model; details in the plan.", link = "https://intranet.contoso.example/plan" })).EnsureSuccessStatusCode();
        (await host.PostAsJsonAsync($"/api/townhalls/{townHallId}/questions/{freeze.Id}/moderation", new { action = "answer", text = "Backfills continue for critical roles." })).EnsureSuccessStatusCode();

        bool Answered(TeamsUser u, string text) => Connector.ActivitiesIn(u.ConversationId).Any(a => a.CardText.Contains("A question you follow was answered", StringComparison.Ordinal) && a.CardText.Contains(text, StringComparison.Ordinal));
        await Connector.WaitUntilAsync(_ => Answered(named, "Targets move") && Answered(anonymous, "Backfills continue") && upvoters.All(u => Answered(u, "Targets move") && Answered(u, "Backfills continue")), TimeSpan.FromSeconds(30));

        // Repeating the answer (an edit) must not notify anyone twice: followers were released after the first.
        (await host.PostAsJsonAsync($"/api/townhalls/{townHallId}/questions/{pricing.Id}/moderation", new { action = "answer", text = "Targets move with the new model; details in the plan." })).EnsureSuccessStatusCode();
        await Task.Delay(1500);
        Assert.Single(Connector.ActivitiesIn(named.ConversationId), a => a.CardText.Contains("Targets move", StringComparison.Ordinal));
        Assert.Single(Connector.ActivitiesIn(upvoters[0].ConversationId), a => a.CardText.Contains("Targets move", StringComparison.Ordinal));
        Assert.DoesNotContain(Connector.ActivitiesIn(anonymous.ConversationId), a => a.CardText.Contains("Targets move", StringComparison.Ordinal));
        Assert.DoesNotContain(Connector.ActivitiesIn(bystander.ConversationId), a => a.CardText.Contains("answered", StringComparison.Ordinal));
        Assert.Empty(await Bot.Service<QuestionFollowerRepository>().ListAsync(townHallId, freeze.Id, CancellationToken.None));
        Assert.Empty(Connector.CardSchemaErrors);
    }

    [Fact]
    public async Task An_anonymous_asker_who_follows_hears_a_quick_answer_once_and_can_stop_following_from_their_card()
    {
        var townHallId = await CreateTownHallAsync();
        var adele = User("p13");
        var lee = User("p06");
        await Bot.SendAsync(adele.Install());
        await Bot.SendAsync(lee.Install());
        var travelCard = await AskAsync(adele, townHallId, "Is there budget for conference travel next year?", anonymous: true, follow: true);
        var freezeCard = await AskAsync(lee, townHallId, "Will the hiring freeze affect backfills?", anonymous: true, follow: true);
        Assert.Contains("Stop telling me", TextOf(travelCard), StringComparison.Ordinal);
        var travel = await QuestionAsync(townHallId, "Is there budget for conference travel next year?");
        var freeze = await QuestionAsync(townHallId, "Will the hiring freeze affect backfills?");

        // Lee changes his mind from his own card (its token proves it is his question); Adele's token does not work on his.
        var wrong = await Bot.InvokeCardAsync(adele.Execute("townhall.follow", new { townHallId, questionId = freeze.Id, token = TokenOf(travelCard), on = false }));
        Assert.Contains("Not available to you", TextOf(wrong), StringComparison.Ordinal);
        var stopped = await Bot.InvokeCardAsync(lee.Execute("townhall.follow", new { townHallId, questionId = freeze.Id, token = TokenOf(freezeCard), on = false }));
        Assert.Contains("Tell me when it is answered", TextOf(stopped), StringComparison.Ordinal);
        Assert.Empty(await Bot.Service<QuestionFollowerRepository>().ListAsync(townHallId, freeze.Id, CancellationToken.None));

        // Answered at once (a live event), and answered again (an edit): Adele hears it once, Lee not at all.
        using var host = Api("00000000-0000-0000-0000-0000000000021");
        (await host.PostAsJsonAsync($"/api/townhalls/{townHallId}/questions/{travel.Id}/moderation", new { action = "answer", text = "Yes, within team budgets." })).EnsureSuccessStatusCode();
        (await host.PostAsJsonAsync($"/api/townhalls/{townHallId}/questions/{freeze.Id}/moderation", new { action = "answer", text = "Backfills continue for critical roles." })).EnsureSuccessStatusCode();
        await Connector.WaitForAsync(a => a.ConversationId == adele.ConversationId && a.CardText.Contains("Yes, within team budgets.", StringComparison.Ordinal), TimeSpan.FromSeconds(20));
        (await host.PostAsJsonAsync($"/api/townhalls/{townHallId}/questions/{travel.Id}/moderation", new { action = "answer", text = "Yes, within team budgets." })).EnsureSuccessStatusCode();
        await Task.Delay(1500);
        Assert.Single(Connector.ActivitiesIn(adele.ConversationId), a => a.CardText.Contains("Yes, within team budgets.", StringComparison.Ordinal));
        Assert.DoesNotContain(Connector.ActivitiesIn(lee.ConversationId), a => a.CardText.Contains("Backfills continue", StringComparison.Ordinal));

        // Each delivery deletes its follower row once the card is out.
        Assert.Empty(await Bot.Service<QuestionFollowerRepository>().ListAsync(townHallId, travel.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Opening_a_town_hall_announces_it_to_its_audience_and_the_summary_follows_the_event()
    {
        var inAudience = User("p13");   // Engineering/Platform
        var outside = User("p20");      // Operations/Service
        await Bot.SendAsync(inAudience.Install());
        await Bot.SendAsync(outside.Install());
        await Connector.WaitUntilAsync(c => c.Activities.Count >= 2);

        var townHallId = await CreateTownHallAsync(title: "Engineering all-hands", audience: ["Engineering"], announce: true);
        await Connector.WaitForAsync(a => a.ConversationId == inAudience.ConversationId && a.CardText.Contains("Engineering all-hands", StringComparison.Ordinal), TimeSpan.FromSeconds(20));
        var announcement = Connector.ActivitiesIn(inAudience.ConversationId).Last();
        Assert.Contains("Ask a question", announcement.CardText, StringComparison.Ordinal);
        Assert.Contains("See top questions", announcement.CardText, StringComparison.Ordinal);

        await AskAsync(inAudience, townHallId, "Will the hiring freeze affect backfills?");
        await AskAsync(User("p14"), townHallId, "Is there budget for conference travel next year?");
        var freeze = await QuestionAsync(townHallId, "Will the hiring freeze affect backfills?");
        using var host = Api("00000000-0000-0000-0000-0000000000021");
        (await host.PostAsJsonAsync($"/api/townhalls/{townHallId}/questions/{freeze.Id}/moderation", new { action = "answer", text = "Backfills continue for critical roles." })).EnsureSuccessStatusCode();
        using var summary = await host.PostAsync($"/api/townhalls/{townHallId}/summary", null);
        Assert.Equal(HttpStatusCode.Accepted, summary.StatusCode);

        var card = await Connector.WaitForAsync(a => a.ConversationId == inAudience.ConversationId && a.CardText.Contains("After the town hall", StringComparison.Ordinal), TimeSpan.FromSeconds(20));
        Assert.Contains("Backfills continue for critical roles.", card.CardText, StringComparison.Ordinal);
        Assert.Contains("Still open: what happens next", card.CardText, StringComparison.Ordinal);
        Assert.Contains("conference travel", card.CardText, StringComparison.Ordinal);
        await Task.Delay(500);
        Assert.DoesNotContain(Connector.ActivitiesIn(outside.ConversationId), a => a.CardText.Contains("Engineering all-hands", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_pre_moderation_a_question_waits_for_approval()
    {
        var townHallId = await CreateTownHallAsync(preModeration: true);
        var card = await AskAsync(User("p13"), townHallId, "Will the hiring freeze affect backfills?");
        Assert.Contains("Question sent for review", TextOf(card), StringComparison.Ordinal);
        var question = Assert.Single(await QuestionsAsync(townHallId));
        Assert.Equal(QuestionState.Pending, question.State);

        using var manager = Api("d0000000-0000-4000-8000-000000000014");
        var open = await manager.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/townhalls/{townHallId}/questions");
        Assert.Equal(0, open.GetProperty("questions").GetArrayLength());

        await Bot.InvokeCardAsync(Megan.Execute("townhall.moderate", new { townHallId, questionId = question.Id, action = "approve" }));
        open = await manager.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/townhalls/{townHallId}/questions");
        Assert.Equal(1, open.GetProperty("questions").GetArrayLength());
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not come true in time.");
            await Task.Delay(100);
        }
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DialogueBot.Loop;
using DialogueBot.Testing;

namespace DialogueBot.Tests.Loop;

/// <summary>Anonymous conversations through the real pipeline: opt-in, reply, answer back, reveal, limits, roles.</summary>
public sealed class LoopThreadTests : LoopTest
{
    [Fact]
    public async Task An_opted_in_comment_gets_a_reply_and_the_author_answers_back_each_once_and_the_name_appears_only_when_revealed()
    {
        var (pulseId, runId) = await PublishedPulseAsync(optedIn: "p06");
        var threads = await ThreadsByCommentAsync(pulseId);
        var thread = threads[CommentOf("p06")];
        Assert.NotNull(thread);
        Assert.All(threads.Where(t => t.Key != CommentOf("p06")), t => Assert.Null(t.Value)); // not opted in: no reply offered

        // The results card offers one reply button: under the opted-in comment only.
        var resultsCard = await PressAsync("p01", "pulse.results", new { pulseId });
        Assert.Single(CardTexts.Of(resultsCard).Split("Reply to the author").Skip(1));

        // The leader replies; Teams repeats the press: stored and relayed once.
        var reply = new { scope = runId, threadId = thread, messageId = "m1", text = "Thank you. What would help most?" };
        Assert.Contains("Reply sent", Text(await PressAsync("p01", "loop.reply", reply)), StringComparison.Ordinal);
        Assert.Contains("Already sent", Text(await PressAsync("p01", "loop.reply", reply)), StringComparison.Ordinal);
        await Connector.WaitUntilAsync(_ => CardsTo("p06", "Megan Bowen replied").Count >= 1);
        await SettleAsync(LoopWorkKinds.Relay, 1);
        var relayed = Assert.Single(CardsTo("p06", "Megan Bowen replied"));
        Assert.Contains("What would help most?", relayed.CardText, StringComparison.Ordinal);
        Assert.DoesNotContain(CommentOf("p06"), relayed.CardText, StringComparison.Ordinal); // the author's chat does not quote the comment
        Assert.Empty(Respondents.Where(id => id != "p06").SelectMany(id => CardsTo(id, "Megan Bowen replied")));

        // Somebody else cannot answer in the thread, even with its ids.
        var forged = new { scope = runId, threadId = thread, messageId = "x1", text = "I am the author" };
        Assert.Contains("Not available", Text(await PressAsync("p07", "loop.answer", forged)), StringComparison.Ordinal);

        // The author answers anonymously; pressed twice: once.
        var answer = new { scope = runId, threadId = thread, messageId = "a1", text = "Clearer priorities", reveal = "false" };
        Assert.Contains("Answer sent anonymously", Text(await PressAsync("p06", "loop.answer", answer)), StringComparison.Ordinal);
        Assert.Contains("Already sent", Text(await PressAsync("p06", "loop.answer", answer)), StringComparison.Ordinal);
        await Connector.WaitUntilAsync(_ => CardsTo("p01", "The anonymous author answered you").Count >= 1);
        await SettleAsync(LoopWorkKinds.Relay, 2);
        var back = Assert.Single(CardsTo("p01", "The anonymous author answered you"));
        Assert.Contains("Clearer priorities", back.CardText, StringComparison.Ordinal);
        Assert.DoesNotContain("Lee Gu", string.Join("\n", Connector.ActivitiesIn(User("p01").ConversationId).Select(a => a.Body.ToString())), StringComparison.Ordinal);

        // A second round: this time the author chooses to give their name, and only then does it appear.
        await PressAsync("p01", "loop.reply", new { scope = runId, threadId = thread, messageId = "m2", text = "Would you talk it through?" });
        await Connector.WaitUntilAsync(_ => CardsTo("p06", "Megan Bowen replied").Count >= 2);
        Assert.Contains("with your name", Text(await PressAsync("p06", "loop.answer", new { scope = runId, threadId = thread, messageId = "a2", text = "Happy to", reveal = "true" })), StringComparison.Ordinal);
        var named = await Connector.WaitForAsync(a => a.ConversationId == User("p01").ConversationId && a.CardText.Contains("Lee Gu answered you", StringComparison.Ordinal));
        Assert.Contains("Happy to", named.CardText, StringComparison.Ordinal);
        await SettleAsync(LoopWorkKinds.Relay, 4);
        Assert.Single(CardsTo("p01", "Lee Gu answered you"));
    }

    [Fact]
    public async Task A_leader_waits_for_an_answer_after_two_messages_and_a_resolved_thread_takes_no_more()
    {
        var (pulseId, runId) = await PublishedPulseAsync(optedIn: ["p07", "p13"]);
        var threads = await ThreadsByCommentAsync(pulseId);
        var thread = threads[CommentOf("p07")]!;
        Assert.NotNull(threads[CommentOf("p13")]);

        Assert.Contains("Reply sent", Text(await PressAsync("p05", "loop.reply", new { scope = runId, threadId = thread, messageId = "m1", text = "One" })), StringComparison.Ordinal);
        Assert.Contains("Reply sent", Text(await PressAsync("p01", "loop.reply", new { scope = runId, threadId = thread, messageId = "m2", text = "Two" })), StringComparison.Ordinal);
        Assert.Contains("Waiting for the author", Text(await PressAsync("p01", "loop.reply", new { scope = runId, threadId = thread, messageId = "m3", text = "Three" })), StringComparison.Ordinal);

        // A manager is no leader: no reply.
        Assert.Contains("Not available", Text(await PressAsync("p13", "loop.reply", new { scope = runId, threadId = threads[CommentOf("p13")]!, messageId = "m4", text = "Hi" })), StringComparison.Ordinal);

        Assert.Contains("resolved", Text(await PressAsync("p01", "loop.resolve", new { scope = runId, threadId = thread })), StringComparison.Ordinal);
        Assert.Contains("resolved", Text(await PressAsync("p07", "loop.answer", new { scope = runId, threadId = thread, messageId = "a1", text = "Late" })), StringComparison.Ordinal);
        Assert.Contains("resolved", Text(await PressAsync("p01", "loop.reply", new { scope = runId, threadId = thread, messageId = "m5", text = "Again" })), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_results_tab_replies_through_the_API_once_per_message_id_and_only_for_leaders()
    {
        var (pulseId, runId) = await PublishedPulseAsync(optedIn: "p08");
        var thread = (await ThreadsByCommentAsync(pulseId))[CommentOf("p08")]!;
        using var leader = Bot.CreateClient();
        leader.DefaultRequestHeaders.Add("X-Dev-User", PattiAad);
        using var manager = Bot.CreateClient();
        manager.DefaultRequestHeaders.Add("X-Dev-User", Person("p13").AadObjectId!);
        var path = $"/api/loop/threads/{runId}/{thread}/replies";

        var first = await leader.PostAsJsonAsync(path, new { messageId = "tab1", text = "Thanks, noted." });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("\"alreadySent\":true", await (await leader.PostAsJsonAsync(path, new { messageId = "tab1", text = "Thanks, noted." })).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await leader.PostAsJsonAsync(path, new { messageId = "../x", text = "hi" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await leader.PostAsJsonAsync(path, new { messageId = "tab2", text = " " })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync(path, new { messageId = "tab3", text = "hi" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leader.PostAsJsonAsync($"/api/loop/threads/{runId}/nothread/replies", new { messageId = "tab4", text = "hi" })).StatusCode);

        await Connector.WaitUntilAsync(_ => CardsTo("p08", "Patti Fernandez replied").Count >= 1);
        await SettleAsync(LoopWorkKinds.Relay, 1);
        Assert.Single(CardsTo("p08", "Patti Fernandez replied"));

        // The tab reads the run's commitments and figures beside the results: one opted-in comment, answered.
        var loop = JsonDocument.Parse(await leader.GetStringAsync($"/api/loop/pulse/{runId}")).RootElement;
        Assert.Equal(JsonValueKind.Null, loop.GetProperty("summary").ValueKind);
        Assert.Equal(1, loop.GetProperty("figures").GetProperty("questionsAsked").GetInt32());
        Assert.Equal(1, loop.GetProperty("figures").GetProperty("questionsAnswered").GetInt32());
    }

    [Fact]
    public async Task Unreadable_thread_data_gets_a_card_naming_the_field()
    {
        await InstallAsync([Person("p01")]);
        var card = await PressAsync("p01", "loop.reply", new { scope = "pu-x-001" });
        Assert.Contains("threadId", Text(card), StringComparison.Ordinal);
    }
}

using System.Text.Json;
using DialogueBot.Org;
using DialogueBot.Pulse.Submissions;
using DialogueBot.Testing;

namespace DialogueBot.Tests.Pulse;

/// <summary>Answering in place: validation, once-only counting, and the cards that replace the pulse card.</summary>
public sealed class PulseAnsweringTests(SharedBot host) : PulseTest(host), IClassFixture<SharedBot>
{
    [Fact]
    public async Task Five_answers_give_correct_aggregates_with_response_rate_mean_enps_and_distribution()
    {
        var (pulseId, runId) = await CreateOpenPulseAsync();
        int[] ratings = [5, 4, 4, 3, 2];
        int[] enps = [10, 9, 7, 6, 0];
        int[] choices = [0, 0, 1, 2, 0];
        for (var i = 0; i < 5; i++)
        {
            var card = await AnswerAsync(Managers[i], Answers(runId, ratings[i], enps[i], choices[i], $"comment {i}"));
            Assert.Contains("Thank you", Text(card), StringComparison.Ordinal);
        }

        await CloseAsync(runId);
        var results = await ResultsAsync(pulseId);

        Assert.Equal("Ready", results.GetProperty("status").GetString());
        Assert.Equal(5, results.GetProperty("respondents").GetInt32());
        Assert.Equal(20, results.GetProperty("audienceCount").GetInt32());
        Assert.Equal(25.0, results.GetProperty("responseRate").GetDouble());
        var questions = results.GetProperty("questions").EnumerateArray().ToList();
        Assert.Equal(3.6, questions[0].GetProperty("mean").GetDouble());
        Assert.Equal(new[] { 1, 1, 2, 1 }, questions[0].GetProperty("distribution").EnumerateArray().Skip(1).Select(b => b.GetProperty("count").GetInt32()));
        Assert.Equal(6.4, questions[1].GetProperty("mean").GetDouble());
        Assert.Equal(0.0, questions[1].GetProperty("enps").GetDouble()); // 2 promoters − 2 detractors of 5
        Assert.Equal(new[] { 3, 1, 1 }, questions[2].GetProperty("distribution").EnumerateArray().Select(b => b.GetProperty("count").GetInt32()));
        var comments = questions[3].GetProperty("comments").EnumerateArray().Select(c => c.GetString()).Order().ToList();
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"comment {i}"), comments);
    }

    [Fact]
    public async Task Four_answers_show_not_enough_responses_everywhere()
    {
        var (pulseId, runId) = await CreateOpenPulseAsync();
        for (var i = 0; i < 4; i++)
        {
            await AnswerAsync(Managers[i], Answers(runId, 4, 8, 1, "only four of us"));
        }

        await CloseAsync(runId);
        var results = await ResultsAsync(pulseId);

        Assert.Equal("NotEnoughResponses", results.GetProperty("status").GetString());
        Assert.Contains("Not enough responses", results.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(results.GetProperty("questions").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, results.GetProperty("respondents").ValueKind);
        using var csv = await GetResultsAsync(pulseId, format: "csv");
        Assert.DoesNotContain("only four of us", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var card = await Bot.InvokeCardAsync(DemoUsers_Megan().Execute("pulse.results", new { pulseId }));
        Assert.Contains("Not enough responses", Text(card), StringComparison.Ordinal);
        Assert.DoesNotContain("only four of us", Text(card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_submit_and_a_retried_invoke_count_once()
    {
        var (pulseId, runId) = await CreateOpenPulseAsync();
        var alex = Managers.Single(p => p.Id == "p12");
        var user = Testing.DemoUsers.Of(alex, Connector.ServiceUrl);
        var press = user.Execute("pulse.answer", Answers(runId, 5, 10, 0));

        var first = await Bot.InvokeCardAsync(press);
        var retried = await Bot.InvokeCardAsync(press); // Teams retries the same invoke
        var again = await AnswerAsync(alex, Answers(runId, 1, 0, 2)); // presses the old card again with other answers
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => AnswerAsync(alex, Answers(runId, 1, 0, 2))));

        Assert.Contains("Thank you", Text(first), StringComparison.Ordinal);
        Assert.Contains("already answered", Text(retried), StringComparison.Ordinal);
        Assert.Contains("already answered", Text(again), StringComparison.Ordinal);
        Assert.All(concurrent, c => Assert.Contains("already answered", Text(c), StringComparison.Ordinal));
        for (var i = 0; i < 4; i++)
        {
            await AnswerAsync(Managers.Where(p => p.Id != "p12").ElementAt(i), Answers(runId, 3, 5, 1));
        }

        await CloseAsync(runId);
        var results = await ResultsAsync(pulseId);
        Assert.Equal(5, results.GetProperty("respondents").GetInt32());
        Assert.Equal(3.4, results.GetProperty("questions")[0].GetProperty("mean").GetDouble()); // (5 + 4×3) / 5
    }

    [Fact]
    public async Task Missing_out_of_range_and_oversized_answers_get_an_error_card_that_keeps_what_was_typed()
    {
        var (_, runId) = await CreateOpenPulseAsync();
        var person = Managers[0];
        var data = new Dictionary<string, object?> { ["runId"] = runId, ["v"] = 1, ["q1"] = "9", ["q3"] = "1", ["q4"] = new string('x', 1001) };

        var card = await AnswerAsync(person, data);
        var text = Text(card);

        Assert.Contains("Please check your answers", text, StringComparison.Ordinal);
        Assert.Contains("Question 1 takes a whole number from 1 to 5", text, StringComparison.Ordinal);
        Assert.Contains("Question 2 needs an answer", text, StringComparison.Ordinal);
        Assert.Contains("limited to 1000 characters", text, StringComparison.Ordinal);
        Assert.Contains(new string('x', 1001), card.GetRawText(), StringComparison.Ordinal); // their text is kept
        Assert.False(await HasAnsweredAsync(runId, person));

        var fixedCard = await AnswerAsync(person, Answers(runId, 4, 9, 1, "better"));
        Assert.Contains("Thank you", Text(fixedCard), StringComparison.Ordinal);
        Assert.Contains("Results open when the pulse closes", Text(fixedCard), StringComparison.Ordinal);
        Assert.DoesNotContain("better", fixedCard.GetRawText(), StringComparison.Ordinal); // the receipt echoes no answer (issue 12, item 8)
    }

    [Fact]
    public async Task The_receipt_echoes_no_answer_and_says_when_results_open_in_the_persons_time_zone()
    {
        var (_, runId) = await CreateOpenPulseAsync();
        var run = await Bot.Service<DialogueBot.Pulse.Runs.PulseRunRepository>().FindAsync(runId, CancellationToken.None);
        var press = Testing.DemoUsers.Of(Managers[0], Connector.ServiceUrl).Execute("pulse.answer", Answers(runId, 2, 3, 2, "My manager never listens"));
        press.Entities = [new DialogueBot.BotFramework.Schema.Entity { Type = "clientInfo", Properties = new Dictionary<string, JsonElement> { ["timezone"] = JsonSerializer.SerializeToElement("America/New_York") } }];
        // Without a zone from the client: the person's own from the org chart, else the organisation's.
        var noZone = Testing.DemoUsers.Of(Managers[1], Connector.ServiceUrl).Execute("pulse.answer", Answers(runId, 2, 3, 2, "My manager never listens"));
        var localZone = Testing.DemoUsers.Of(Managers[2], Connector.ServiceUrl).Execute("pulse.answer", Answers(runId, 2, 3, 2, "My manager never listens"));
        localZone.LocalTimezone = "Asia/Tokyo";

        foreach (var (activity, zone) in new[] { (press, "America/New_York"), (noZone, Managers[1].TimeZone is { Length: > 0 } own ? own : "Europe/London"), (localZone, "Asia/Tokyo") })
        {
            var card = await Bot.InvokeCardAsync(activity);
            var text = Text(card);
            Assert.Contains("recorded anonymously", text, StringComparison.Ordinal);
            Assert.Contains(new DialogueBot.Cards.PersonTime(TimeZoneInfo.FindSystemTimeZoneById(zone), System.Globalization.CultureInfo.GetCultureInfo("en-GB")).DayAndTime(run!.ClosesAt), text, StringComparison.Ordinal); // the press says en-GB
            Assert.Contains($"({zone})", text, StringComparison.Ordinal);
            Assert.DoesNotContain("My manager never listens", card.GetRawText(), StringComparison.Ordinal);
            Assert.DoesNotContain("Decisions", text, StringComparison.Ordinal); // the choice picked, by its label
            Assert.DoesNotContain("2 / 5", text, StringComparison.Ordinal);
            Assert.DoesNotContain("3 / 10", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Closed_unknown_stale_and_outsider_presses_get_clear_cards()
    {
        var (_, runId) = await CreateOpenPulseAsync();

        var unknown = await AnswerAsync(Managers[0], Answers("pu-nope-001", 3, 3, 0));
        var garbage = await AnswerAsync(Managers[0], new { runId = "../../etc", v = 1 });
        var stale = await AnswerAsync(Managers[0], Answers(runId, 3, 3, 0, version: 0));
        var outsider = await AnswerAsync(Testing.DemoUsers.All.Single(p => p.Id == "p27"), Answers(runId, 3, 3, 0));
        await CloseAsync(runId);
        var closed = await AnswerAsync(Managers[1], Answers(runId, 3, 3, 0));

        Assert.Contains("does not exist", Text(unknown), StringComparison.Ordinal);
        Assert.Contains("does not exist", Text(garbage), StringComparison.Ordinal);
        Assert.Contains("out of date", Text(stale), StringComparison.Ordinal);
        Assert.Contains("not for you", Text(outsider), StringComparison.Ordinal);
        Assert.Contains("closed", Text(closed), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_delivered_pulse_card_refreshes_to_itself_while_open_then_to_already_answered_or_closed_and_writes_nothing()
    {
        var (alex, adele) = (Managers[0], Managers[1]);
        await InstallAsync([alex, adele]);
        var (_, runId) = await CreateOpenPulseAsync();
        var delivered = await Connector.WaitForAsync(a => IsPulseCard(a) && a.ConversationId == Testing.DemoUsers.Of(adele, Connector.ServiceUrl).ConversationId);

        // What Teams sends when it shows the card again: the refresh action as it is in the delivered card.
        var refresh = delivered.Card.GetProperty("refresh").GetProperty("action");
        Assert.Equal("Action.Execute", refresh.GetProperty("type").GetString());
        var verb = refresh.GetProperty("verb").GetString()!;
        var data = refresh.GetProperty("data");
        Task<JsonElement> RefreshAsync(OrgPerson person) => Bot.InvokeCardAsync(Testing.DemoUsers.Of(person, Connector.ServiceUrl).Execute(verb, data));

        var open = await RefreshAsync(adele);
        Assert.Equal(Text(delivered.Card), Text(open));
        Assert.Equal("pulse.answer", open.GetProperty("actions")[0].GetProperty("verb").GetString());

        await AnswerAsync(alex, Answers(runId, 4, 9, 1));
        Assert.Contains("already answered", Text(await RefreshAsync(alex)), StringComparison.Ordinal);
        Assert.Equal(Text(delivered.Card), Text(await RefreshAsync(adele))); // Alex's answer changes nothing for Adele

        await CloseAsync(runId);
        Assert.Contains("This pulse is closed", Text(await RefreshAsync(adele)), StringComparison.Ordinal);
        Assert.False(await HasAnsweredAsync(runId, adele));
        Assert.Empty(Connector.CardSchemaErrors);
    }

    [Fact]
    public async Task A_reminder_card_refreshes_to_a_reminder_and_an_error_card_does_not_refresh_away_what_was_typed()
    {
        var (_, runId) = await CreateOpenPulseAsync();
        var reminder = await Bot.InvokeCardAsync(Testing.DemoUsers.Of(Managers[2], Connector.ServiceUrl).Execute("pulse.refresh", new { runId, v = 1, r = 1 }));
        Assert.Contains("Reminder: this pulse closes soon", Text(reminder), StringComparison.Ordinal);
        Assert.Equal("pulse.refresh", reminder.GetProperty("refresh").GetProperty("action").GetProperty("verb").GetString());

        var errors = await AnswerAsync(Managers[2], new Dictionary<string, object?> { ["runId"] = runId, ["v"] = 1, ["q1"] = "9" });
        Assert.Contains("Please check your answers", Text(errors), StringComparison.Ordinal);
        Assert.False(errors.TryGetProperty("refresh", out _));
    }

    private Testing.TeamsUser DemoUsers_Megan() => Testing.DemoUsers.Megan(Connector.ServiceUrl);
}

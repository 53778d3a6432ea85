using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DialogueBot.Infrastructure.Scheduling;
using DialogueBot.SkipLevel.Cards;
using DialogueBot.SkipLevel.Pairs;
using DialogueBot.SkipLevel.Programmes;
using DialogueBot.SkipLevel.Prompts;
using DialogueBot.Testing;

namespace DialogueBot.Tests.SkipLevel;

/// <summary>Confirm, propose another week, decline, agenda items and follow-ups: the pair's state and HR's view.</summary>
public sealed class SkipLevelActionTests : SkipLevelBotTest
{
    [Fact]
    public async Task Confirm_reschedule_and_decline_update_the_pair_and_the_HR_view()
    {
        await InstallAsync("p02", "p12", "p13", "p14");
        var id = await CreateAndLaunchAsync();

        // Confirm: each side once.
        var card = await Bot.InvokeCardAsync(User("p12").Execute(PairCard.ConfirmVerb, PairData(id, "p02", "p12")));
        Assert.Contains("Confirmed by one of you", CardTexts.Of(card), StringComparison.Ordinal);
        card = await Bot.InvokeCardAsync(User("p02").Execute(PairCard.ConfirmVerb, PairData(id, "p02", "p12")));
        Assert.Contains("Confirmed by both of you", CardTexts.Of(card), StringComparison.Ordinal);
        Assert.Equal(PairState.Confirmed, (await PairAsync(id, "p02", "p12"))!.State);

        // Propose another week: the week moves, its reminder moves with it, and the leader hears about it.
        var before = (await PairAsync(id, "p02", "p13"))!;
        card = await Bot.InvokeCardAsync(User("p13").Execute(PairCard.RescheduleVerb, PairData(id, "p02", "p13", new { week = "2026-12-28" })));
        Assert.Contains("week of Mon 28 Dec 2026", CardTexts.Of(card), StringComparison.Ordinal);
        var moved = (await PairAsync(id, "p02", "p13"))!;
        Assert.Equal((PairState.Rescheduled, "2026-12-28", "manager"), (moved.State, moved.Week, moved.ConfirmedBy));
        var scheduler = Bot.Service<Scheduler>();
        Assert.Null(await scheduler.FindAsync(PromptSchedule.ReminderKey(before, PairSide.Leader)));
        Assert.NotNull(await scheduler.FindAsync(PromptSchedule.ReminderKey(moved, PairSide.Leader)));
        var notice = await Connector.WaitForAsync(a => a.ConversationId == User("p02").ConversationId && Heading(a) == "Adele Vance updated your skip-level");
        Assert.Contains("week of Mon 28 Dec 2026", notice.CardText, StringComparison.Ordinal);

        // A week where the leader is already at the cap (21 December holds p15 and p16, the cap is 2) is refused.
        card = await Bot.InvokeCardAsync(User("p14").Execute(PairCard.RescheduleVerb, PairData(id, "p02", "p14", new { week = "2026-12-21" })));
        Assert.Contains("That week is full", CardTexts.Of(card), StringComparison.Ordinal);
        Assert.Equal("2026-12-14", (await PairAsync(id, "p02", "p14"))!.Week);

        // A week outside the cycle is refused.
        card = await Bot.InvokeCardAsync(User("p13").Execute(PairCard.RescheduleVerb, PairData(id, "p02", "p13", new { week = "2027-06-07" })));
        Assert.Contains("Pick a week", CardTexts.Of(card), StringComparison.Ordinal);

        // Decline with a reason: only the pair sees it.
        card = await Bot.InvokeCardAsync(User("p02").Execute(PairCard.DeclineVerb, PairData(id, "p02", "p14", new { reason = "Travelling all month" })));
        Assert.Contains("Declined", CardTexts.Of(card), StringComparison.Ordinal);
        var declined = await Connector.WaitForAsync(a => a.ConversationId == User("p14").ConversationId && Heading(a) == "Nestor Wilke updated your skip-level");
        Assert.Contains("Travelling all month", declined.CardText, StringComparison.Ordinal);
        card = await Bot.InvokeCardAsync(User("p14").Execute(PairCard.ConfirmVerb, PairData(id, "p02", "p14")));
        Assert.Equal(PairState.Declined, (await PairAsync(id, "p02", "p14"))!.State);

        // Someone outside the pair cannot act on it.
        card = await Bot.InvokeCardAsync(User("p13").Execute(PairCard.ConfirmVerb, PairData(id, "p02", "p12")));
        Assert.Contains("Not your skip-level", CardTexts.Of(card), StringComparison.Ordinal);

        using var hr = ClientAs(PattiHr);
        var status = await hr.GetFromJsonAsync<JsonElement>($"/api/skiplevel/programmes/{id}/status");
        Assert.Equal(6, status.GetProperty("pairs").GetInt32());
        Assert.Equal(1, status.GetProperty("declined").GetInt32());
        Assert.Equal(5, status.GetProperty("open").GetInt32());
        var states = status.GetProperty("allPairs").EnumerateArray().ToDictionary(p => p.GetProperty("managerId").GetString()!, p => p.GetProperty("state").GetString());
        Assert.Equal(("confirmed", "rescheduled", "declined"), (states["p12"], states["p13"], states["p14"]));
        Assert.DoesNotContain("Travelling", status.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Follow_ups_complete_the_pair_are_readable_by_the_pair_only_and_overdue_pairs_show_in_the_HR_view()
    {
        await InstallAsync("p02", "p12", "p13");
        var id = await CreateAndLaunchAsync();

        // The leader adds an agenda item; the manager cannot.
        var card = await Bot.InvokeCardAsync(User("p02").Execute(PairCard.AgendaVerb, PairData(id, "p02", "p12", new { item = "Release train **pain**" })));
        Assert.Contains("Release train **pain**", CardTexts.Of(card), StringComparison.Ordinal);
        card = await Bot.InvokeCardAsync(User("p12").Execute(PairCard.AgendaVerb, PairData(id, "p02", "p12", new { item = "x" })));
        Assert.Contains("Only the leader adds agenda items", CardTexts.Of(card), StringComparison.Ordinal);

        // After the week of 7 December: Alex says it happened; the pair is done.
        Clock.SetUtcNow(new DateTimeOffset(2026, 12, 15, 9, 0, 0, TimeSpan.Zero));
        card = await Bot.InvokeCardAsync(User("p12").Execute(FollowUpCard.AnswerVerb, PairData(id, "p02", "p12", new { happened = "yes", actOn = "Fix the deploy queue" })));
        Assert.Contains("Fix the deploy queue", CardTexts.Of(card), StringComparison.Ordinal);
        Assert.Equal(PairState.Done, (await PairAsync(id, "p02", "p12"))!.State);

        // The other side reads it; a third person may not.
        card = await Bot.InvokeCardAsync(User("p02").Execute(FollowUpCard.NotesVerb, PairData(id, "p02", "p12")));
        Assert.Contains("Fix the deploy queue", CardTexts.Of(card), StringComparison.Ordinal);
        card = await Bot.InvokeCardAsync(User("p13").Execute(FollowUpCard.NotesVerb, PairData(id, "p02", "p12")));
        Assert.Contains("Not your skip-level", CardTexts.Of(card), StringComparison.Ordinal);
        Assert.DoesNotContain("deploy queue", CardTexts.Of(card), StringComparison.Ordinal);

        // HR: one of six met; p13's week (7 December) has passed without an answer: overdue. No note text anywhere.
        using var hr = ClientAs(PattiHr);
        var status = await hr.GetFromJsonAsync<JsonElement>($"/api/skiplevel/programmes/{id}/status");
        Assert.Equal(1, status.GetProperty("done").GetInt32());
        Assert.Equal(0.167, status.GetProperty("completionRate").GetDouble());
        var overdue = Assert.Single(status.GetProperty("overdue").EnumerateArray());
        Assert.Equal("p13", overdue.GetProperty("managerId").GetString());
        var leader = Assert.Single(status.GetProperty("leaders").EnumerateArray());
        Assert.Equal(("p02", 6, 1, 1), (leader.GetProperty("leaderId").GetString(), leader.GetProperty("pairs").GetInt32(), leader.GetProperty("done").GetInt32(), leader.GetProperty("overdue").GetInt32()));
        Assert.DoesNotContain("deploy", status.GetRawText(), StringComparison.Ordinal);

        using var csv = await hr.GetAsync($"/api/skiplevel/programmes/{id}/status?format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("cycle,leaderId,leaderName,managerId,managerName,week,state,overdue", lines[0]);
        Assert.Contains("1,p02,Nestor Wilke,p12,Alex Wilber,2026-12-07,done,no", lines);
        Assert.Contains("1,p02,Nestor Wilke,p13,Adele Vance,2026-12-07,proposed,yes", lines);
        Assert.Equal(7, lines.Length);

        // The status card, for HR in chat.
        await Bot.SendAsync(DemoUsers.Patti(Connector.ServiceUrl).Message("skip-level status"));
        var statusCard = await Connector.WaitForAsync(a => Heading(a) == "Skip-level programmes");
        Assert.Contains("17% (1 of 6 met)", statusCard.CardText, StringComparison.Ordinal);
        Assert.Contains("Adele Vance", statusCard.CardText, StringComparison.Ordinal);
        Assert.Empty(Connector.CardSchemaErrors);

        await AssertNoIdentitiesInSkipLevelTablesAsync();
    }

    /// <summary>Skip-level rows refer to people by org-chart id only: no names, AAD ids, emails or conversation ids.</summary>
    private async Task AssertNoIdentitiesInSkipLevelTablesAsync()
    {
        var storage = Bot.Service<DialogueBot.Infrastructure.Storage.AppStorage>();
        var forbidden = DemoUsers.All.SelectMany(p => new[] { p.Name, p.AadObjectId, p.Email, DemoUsers.Of(p, Connector.ServiceUrl).ConversationId }).OfType<string>().ToList();
        var rows = 0;
        foreach (var table in new[] { SkipLevelProgrammeRepository.TableName, SkipLevelPairRepository.TableName })
        {
            await foreach (var row in storage.Table(table).QueryAsync<Azure.Data.Tables.TableEntity>())
            {
                rows++;
                var text = string.Join("|", row.Select(kv => kv.Value?.ToString()));
                Assert.DoesNotContain(forbidden, f => text.Contains(f, StringComparison.OrdinalIgnoreCase));
            }
        }

        Assert.True(rows >= 7);
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using DialogueBot.Demo;
using DialogueBot.Infrastructure.Scheduling;
using DialogueBot.Org;
using DialogueBot.SkipLevel;
using DialogueBot.SkipLevel.Cards;
using DialogueBot.SkipLevel.Pairs;
using DialogueBot.SkipLevel.Planning;
using DialogueBot.SkipLevel.Programmes;
using DialogueBot.SkipLevel.Prompts;
using DialogueBot.Testing;

namespace DialogueBot.Tests.SkipLevel;

/// <summary>
/// The skip-level bugs of issue 17, one test each, through the real pipeline on the test's clock (Monday
/// 23 November 2026, 08:00 London), and the rules behind them without a host.
/// </summary>
public sealed class SkipLevelCalendarBugTests : SkipLevelBotTest
{
    private static object Programme(string startDate, int cadenceWeeks = 4, string unit = "Engineering", string name = "Winter skip-levels") => new
    {
        name,
        scopeUnits = new[] { unit },
        executivesLead = true,
        cadenceWeeks,
        meetingMinutes = 30,
        startDate,
        endDate = "2027-03-31",
        perWeekCap = 2,
        timeZone = "Europe/London",
    };

    [Fact]
    public async Task A_meeting_this_week_gets_its_prompt_without_a_next_week_reminder_alongside()
    {
        await InstallAsync("p02", "p12", "p13");
        var programmeId = await CreateAndLaunchAsync(Programme("2026-11-23"));

        // p12 meets Nestor this week: the prompt's Monday and the reminder's Thursday are both past.
        var pair = (await PairAsync(programmeId, "p02", "p12"))!;
        Assert.Equal("2026-11-23", pair.Week);
        var scheduler = Bot.Service<Scheduler>();
        Assert.NotNull(await scheduler.FindAsync(PromptSchedule.PromptKey(pair, PairSide.Manager)));
        Assert.Null(await scheduler.FindAsync(PromptSchedule.ReminderKey(pair, PairSide.Manager)));
        Assert.Null(await scheduler.FindAsync(PromptSchedule.ReminderKey(pair, PairSide.Leader)));

        await AdvanceToAsync(new DateTimeOffset(2026, 11, 23, 8, 5, 0, TimeSpan.Zero));
        await Connector.WaitUntilAsync(_ => CardsTo("p12", "Skip-level with").Count == 1);
        Assert.Empty(CardsTo("p12", "Reminder:"));
    }

    [Fact]
    public async Task A_programme_started_last_week_plans_no_week_already_over_and_asks_nothing_at_launch()
    {
        await InstallAsync("p02", "p12", "p13");
        using var hr = ClientAs(PattiHr);
        using var created = await hr.PostAsJsonAsync("/api/skiplevel/programmes", Programme("2026-11-16"));
        var preview = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("preview").GetRawText();
        Assert.DoesNotContain("2026-11-16", preview, StringComparison.Ordinal);
        var programmeId = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("programme").GetProperty("id").GetString()!;
        (await hr.PostAsync($"/api/skiplevel/programmes/{programmeId}/launch?cycle=1", null)).EnsureSuccessStatusCode();

        var weeks = (await Bot.Service<SkipLevelPairRepository>().ListProgrammeAsync(programmeId, CancellationToken.None)).Select(p => p.Week).ToList();
        Assert.NotEmpty(weeks);
        Assert.All(weeks, w => Assert.True(string.CompareOrdinal(w, "2026-11-23") >= 0, w));
        foreach (var pair in await Bot.Service<SkipLevelPairRepository>().ListProgrammeAsync(programmeId, CancellationToken.None))
        {
            var followUp = await Bot.Service<Scheduler>().FindAsync(PromptSchedule.FollowUpKey(pair, PairSide.Manager));
            Assert.NotNull(followUp);
            Assert.True(followUp.DueAt > Clock.GetUtcNow(), "no \"did it happen?\" at launch");
        }
    }

    [Fact]
    public async Task A_second_programme_over_the_same_people_and_weeks_is_created_with_an_overlap_warning()
    {
        using var hr = ClientAs(PattiHr);
        using var first = await hr.PostAsJsonAsync("/api/skiplevel/programmes", Programme("2026-12-07"));
        Assert.Empty((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("warnings").EnumerateArray());

        using var inside = await hr.PostAsJsonAsync("/api/skiplevel/programmes", Programme("2027-01-04", unit: "Engineering/Platform", name: "Platform pilot"));
        var warning = Assert.Single((await inside.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("warnings").EnumerateArray()).GetString();
        Assert.Contains("Overlaps \"Winter skip-levels\"", warning, StringComparison.Ordinal);

        using var elsewhere = await hr.PostAsJsonAsync("/api/skiplevel/programmes", Programme("2026-12-07", unit: "Finance", name: "Finance skip-levels"));
        Assert.Empty((await elsewhere.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("warnings").EnumerateArray());
    }

    [Fact]
    public async Task An_agenda_item_the_leader_adds_reaches_the_manager()
    {
        await InstallAsync("p02", "p12");
        var programmeId = await CreateAndLaunchAsync(Programme("2026-12-07"));

        var card = await Bot.InvokeCardAsync(User("p02").Execute(PairCard.AgendaVerb, PairData(programmeId, "p02", "p12", new { item = "Release train pain (2 a week)" })));
        Assert.Contains("Release train pain (2 a week)", CardTexts.Of(card), StringComparison.Ordinal);

        var notice = await Connector.WaitForAsync(a => a.ConversationId == User("p12").ConversationId && a.CardText.Contains("Release train pain (2 a week)", StringComparison.Ordinal));
        Assert.StartsWith("Nestor Wilke updated your skip-level", Heading(notice), StringComparison.Ordinal);
        Assert.Empty(Connector.CardSchemaErrors);
    }

    [Fact]
    public async Task The_next_cycle_waits_for_HR_to_preview_and_launch_it_instead_of_launching_itself()
    {
        await InstallAsync("p05", "p02", "p12");
        // Two-week cycles from last week: cycle 2's job is due at once.
        var programmeId = await CreateAndLaunchAsync(Programme("2026-11-16", cadenceWeeks: 2));

        await AdvanceToAsync(new DateTimeOffset(2026, 11, 23, 8, 5, 0, TimeSpan.Zero));

        var preview = await Connector.WaitForAsync(a => a.ConversationId == User("p05").ConversationId && Heading(a).StartsWith("Preview:", StringComparison.Ordinal));
        Assert.Contains("nothing is sent until you launch it", preview.CardText, StringComparison.Ordinal);
        Assert.Contains(PreviewCard.LaunchVerb, preview.Card.GetRawText(), StringComparison.Ordinal);
        var programme = await Bot.Service<SkipLevelProgrammeRepository>().FindAsync(programmeId, CancellationToken.None);
        Assert.Equal(1, programme!.LaunchedCycle);
        Assert.Empty(await Bot.Service<SkipLevelPairRepository>().ListCycleAsync(programmeId, 2, CancellationToken.None));
    }

    [Fact]
    public void Skipped_reasons_name_people_and_show_no_markdown_escapes()
    {
        var org = new OrgSnapshot("v", OrgChartCsv.Parse(DemoSeeder.DemoOrgCsv()).People);
        var rules = new ProgrammeRules { ExecutivesLead = true, CadenceWeeks = 2, PerWeekCap = 2, StartWeek = new DateOnly(2026, 12, 7), EndDate = new DateOnly(2027, 3, 31) };
        var plan = PairingPlanner.Plan(org, rules, 1, []);
        var programme = new SkipLevelProgrammeEntity { RowKey = "sl0123456789", Name = "Winter skip-levels", ExecutivesLead = true, CadenceWeeks = 2, MeetingMinutes = 30, StartWeek = "2026-12-07", EndDate = "2027-03-31", PerWeekCap = 2 };

        var text = CardTexts.Of(JsonSerializer.SerializeToElement(PreviewCard.Build(programme, plan, org), DialogueBot.BotFramework.Schema.BotJson.Options));

        Assert.Contains("Megan Bowen already has 4 meetings in this cycle (2 a week for 2 weeks).", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\(", text, StringComparison.Ordinal);
        Assert.DoesNotContain("p01 already", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_week_is_offered_in_the_text_only_where_the_card_has_the_button()
    {
        var org = new OrgSnapshot("v", OrgChartCsv.Parse(DemoSeeder.DemoOrgCsv()).People);
        var programme = new SkipLevelProgrammeEntity { RowKey = "sl0123456789", Name = "Winter skip-levels", ExecutivesLead = true, CadenceWeeks = 1, MeetingMinutes = 30, StartWeek = "2026-12-07", EndDate = "2027-03-31", PerWeekCap = 2 };
        var pair = new SkipLevelPairEntity { PartitionKey = SkipLevelPairEntity.PartitionFor(programme.Id, 1), RowKey = SkipLevelPairEntity.PairIdFor("p02", "p12"), ProgrammeId = programme.Id, Cycle = 1, LeaderId = "p02", ManagerId = "p12", Week = "2026-12-07", State = PairState.Proposed };
        PairView View(IReadOnlyList<DateOnly> otherWeeks) => new(programme, pair, PairSide.Manager, org.FindById("p02"), org.FindById("p12"), new Agenda([], [], []), PairCardStage.Prompt, otherWeeks);

        var none = JsonSerializer.SerializeToElement(PairCard.Build(View([])), DialogueBot.BotFramework.Schema.BotJson.Options);
        var some = JsonSerializer.SerializeToElement(PairCard.Build(View([new DateOnly(2026, 12, 14)])), DialogueBot.BotFramework.Schema.BotJson.Options);

        Assert.DoesNotContain("another week", CardTexts.Of(none), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("propose another week", CardTexts.Of(some), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(new string[0], new[] { "Finance" }, true)]
    [InlineData(new[] { "Engineering" }, new[] { "engineering/platform" }, true)]
    [InlineData(new[] { "Engineering" }, new[] { "Engineering" }, true)]
    [InlineData(new[] { "Engineering" }, new[] { "EngineeringOps" }, false)]
    [InlineData(new[] { "Engineering", "Sales" }, new[] { "Finance" }, false)]
    public void Scopes_meet_when_they_share_people(string[] a, string[] b, bool meet) =>
        Assert.Equal(meet, ProgrammeOverlap.ScopesMeet(a, b));
}

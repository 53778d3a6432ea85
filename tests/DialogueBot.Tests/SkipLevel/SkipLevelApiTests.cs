using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DialogueBot.SkipLevel;
using DialogueBot.SkipLevel.Cards;
using Microsoft.Extensions.DependencyInjection;
using DialogueBot.SkipLevel.Pairs;
using DialogueBot.SkipLevel.Programmes;
using DialogueBot.Testing;

namespace DialogueBot.Tests.SkipLevel;

/// <summary>HR creates, previews and launches programmes from the API and from the card form; roles are enforced.</summary>
public sealed class SkipLevelApiTests : SkipLevelBotTest
{
    [Fact]
    public async Task Invalid_programmes_are_refused_with_errors_naming_each_field()
    {
        using var hr = ClientAs(PattiHr);
        using var response = await hr.PostAsJsonAsync("/api/skiplevel/programmes", new
        {
            name = "",
            scopeUnits = new[] { "Atlantis" },
            cadenceWeeks = 40,
            meetingMinutes = 5,
            startDate = "2026-13-01",
            endDate = "soon",
            perWeekCap = 0,
            timeZone = "Mars/Olympus",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "name", "scopeUnits", "leaderLevels", "cadenceWeeks", "meetingMinutes", "startDate", "endDate", "perWeekCap", "timeZone" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        }

        Assert.Empty(await Bot.Service<SkipLevelProgrammeRepository>().ListAsync(CancellationToken.None));

        using var malformed = await hr.PostAsync("/api/skiplevel/programmes", new StringContent("{\"cadenceWeeks\":\"six\"", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    [Fact]
    public async Task Only_HR_may_create_or_read_programmes()
    {
        using var manager = ClientAs(AdeleManager);
        using var create = await manager.PostAsJsonAsync("/api/skiplevel/programmes", EngineeringProgramme());
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);

        var id = await CreateAndLaunchAsync();
        using var status = await manager.GetAsync($"/api/skiplevel/programmes/{id}/status");
        Assert.Equal(HttpStatusCode.Forbidden, status.StatusCode);
        using var anonymous = Bot.CreateClient();
        using var unauthenticated = await anonymous.GetAsync($"/api/skiplevel/programmes/{id}/status");
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
    }

    [Fact]
    public async Task Create_previews_without_sending_and_launch_writes_the_pairs_once()
    {
        using var hr = ClientAs(PattiHr);
        using var created = await hr.PostAsJsonAsync("/api/skiplevel/programmes", EngineeringProgramme());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("programme").GetProperty("id").GetString()!;
        var preview = body.GetProperty("preview");
        Assert.Equal(6, preview.GetProperty("pairs").GetArrayLength());
        Assert.Equal(["2026-12-07", "2026-12-14", "2026-12-21", "2026-12-28"], preview.GetProperty("weeks").EnumerateArray().Select(w => w.GetString()));
        Assert.Contains(preview.GetProperty("pairs").EnumerateArray(), p => p.GetProperty("leaderName").GetString() == "Nestor Wilke" && p.GetProperty("managerName").GetString() == "Alex Wilber" && p.GetProperty("week").GetString() == "2026-12-07");
        Assert.Empty(await Bot.Service<SkipLevelPairRepository>().ListCycleAsync(id, 1, CancellationToken.None));

        using var launched = await hr.PostAsync($"/api/skiplevel/programmes/{id}/launch?cycle=1", null);
        Assert.Equal(HttpStatusCode.OK, launched.StatusCode);
        using var again = await hr.PostAsync($"/api/skiplevel/programmes/{id}/launch?cycle=1", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(6, (await Bot.Service<SkipLevelPairRepository>().ListCycleAsync(id, 1, CancellationToken.None)).Count);

        using var missing = await hr.GetAsync("/api/skiplevel/programmes/slnothere00/status");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var next = await hr.GetFromJsonAsync<JsonElement>($"/api/skiplevel/programmes/{id}/preview");
        Assert.Equal(2, next.GetProperty("cycle").GetInt32());
    }

    [Fact]
    public async Task HR_creates_a_programme_from_the_card_form_and_launches_it_from_the_preview()
    {
        var patti = DemoUsers.Patti(Connector.ServiceUrl);
        await Bot.SendAsync(patti.Message("skip-level new"));
        var form = await Connector.WaitForAsync(a => Heading(a) == "New skip-level programme");
        Assert.Contains("Preview pairs", form.CardText, StringComparison.Ordinal);

        var inputs = new { name = "Form programme", scopeUnits = "Operations", leaders = "executives", cadenceWeeks = "4", meetingMinutes = "45", startDate = "2026-12-07", endDate = "2027-02-28", perWeekCap = "1", timeZone = "" };
        var bad = await Bot.InvokeCardAsync(patti.Execute(ProgrammeFormCard.CreateVerb, inputs with { cadenceWeeks = "99", name = "" }));
        Assert.Contains("cadenceWeeks: The cadence is 1 to 26 weeks.", CardTexts.Of(bad), StringComparison.Ordinal);
        Assert.Contains("name: Give the programme a name.", CardTexts.Of(bad), StringComparison.Ordinal);

        var preview = await Bot.InvokeCardAsync(patti.Execute(ProgrammeFormCard.CreateVerb, inputs));
        var text = CardTexts.Of(preview);
        Assert.Contains("Preview: Form programme", text, StringComparison.Ordinal);
        Assert.Contains("Cameron White", text, StringComparison.Ordinal); // on leave: listed as skipped
        Assert.Contains("On leave.", text, StringComparison.Ordinal);
        var launch = preview.GetProperty("actions")[0];
        Assert.Equal(PreviewCard.LaunchVerb, launch.GetProperty("verb").GetString());

        var adele = User("p13");
        var refused = await Bot.InvokeCardAsync(adele.Execute(PreviewCard.LaunchVerb, JsonSerializer.Deserialize<object>(launch.GetProperty("data").GetRawText())));
        Assert.Contains("Not available to you", CardTexts.Of(refused), StringComparison.Ordinal);

        var done = await Bot.InvokeCardAsync(patti.Execute(PreviewCard.LaunchVerb, JsonSerializer.Deserialize<object>(launch.GetProperty("data").GetRawText())));
        Assert.Contains("Cycle 1 launched", CardTexts.Of(done), StringComparison.Ordinal);
        var programmeId = launch.GetProperty("data").GetProperty("programmeId").GetString()!;
        Assert.Equal(4, (await Bot.Service<SkipLevelPairRepository>().ListCycleAsync(programmeId, 1, CancellationToken.None)).Count);

        await Bot.SendAsync(adele.Message("skip-level new"));
        var notice = await Connector.WaitForAsync(a => a.ConversationId == adele.ConversationId && Heading(a) == "Skip-level meetings");
        Assert.DoesNotContain("Preview pairs", notice.CardText, StringComparison.Ordinal);
        Assert.Empty(Connector.CardSchemaErrors);
    }

    [Fact]
    public async Task The_demo_seed_adds_one_draft_programme_that_HR_previews_from_the_status_card()
    {
        var seed = Bot.Services.GetServices<DialogueBot.Demo.IDemoSeed>().OfType<SkipLevelDemoSeed>().Single();
        await seed.SeedAsync(CancellationToken.None);
        await seed.SeedAsync(CancellationToken.None);
        var programme = Assert.Single(await Bot.Service<SkipLevelProgrammeRepository>().ListAsync(CancellationToken.None));
        Assert.Equal(0, programme.LaunchedCycle);

        var patti = DemoUsers.Patti(Connector.ServiceUrl);
        await Bot.SendAsync(patti.Message("skip-level status"));
        var status = await Connector.WaitForAsync(a => Heading(a) == "Skip-level programmes");
        Assert.Contains("Demo skip-levels", status.CardText, StringComparison.Ordinal);
        Assert.Contains("Preview and launch", status.CardText, StringComparison.Ordinal);

        var preview = await Bot.InvokeCardAsync(patti.Execute(PreviewCard.PreviewVerb, new { programmeId = programme.Id }));
        Assert.Contains("Cycle 1: 20 pairs, 6 weeks. Nothing has been sent yet.", CardTexts.Of(preview), StringComparison.Ordinal);
    }
}

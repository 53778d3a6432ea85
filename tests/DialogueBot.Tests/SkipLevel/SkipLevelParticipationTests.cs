using System.Net.Http.Json;
using System.Text.Json;
using DialogueBot.SkipLevel.Cards;
using DialogueBot.SkipLevel.Pairs;
using DialogueBot.SkipLevel.Programmes;
using DialogueBot.Testing;

namespace DialogueBot.Tests.SkipLevel;

/// <summary>A participant pauses, opts out or resumes from their own pair card; the next plans follow.</summary>
public sealed class SkipLevelParticipationTests : SkipLevelBotTest
{
    [Fact]
    public async Task Pausing_declines_the_open_pair_tells_the_leader_and_leaves_the_manager_out_of_the_next_plan_until_they_resume()
    {
        await InstallAsync("p02", "p12");
        var id = await CreateAndLaunchAsync();

        var card = await Bot.InvokeCardAsync(User("p12").Execute(PairCard.ParticipationVerb, PairData(id, "p02", "p12", new { choice = "Pause" })));

        Assert.Contains("Resume my skip-levels", CardTexts.Of(card), StringComparison.Ordinal);
        var pair = (await PairAsync(id, "p02", "p12"))!;
        Assert.Equal(PairState.Declined, pair.State);
        Assert.Equal("Paused their skip-levels for now.", pair.DeclineReason);
        await Connector.WaitForAsync(a => a.ConversationId == User("p02").ConversationId && a.CardText.Contains("Paused their skip-levels for now.", StringComparison.Ordinal));
        var programme = (await Bot.Service<SkipLevelProgrammeRepository>().FindAsync(id, CancellationToken.None))!;
        Assert.Equal(Participation.Paused, programme.ParticipationOf("p12"));

        using var hr = ClientAs(PattiHr);
        var preview = (await hr.GetFromJsonAsync<JsonElement>($"/api/skiplevel/programmes/{id}/preview")).GetRawText();
        Assert.Contains("Paused their skip-levels.", preview, StringComparison.Ordinal);

        var resumed = await Bot.InvokeCardAsync(User("p12").Execute(PairCard.ParticipationVerb, PairData(id, "p02", "p12", new { choice = "Resume" })));
        Assert.Contains("Pause my skip-levels", CardTexts.Of(resumed), StringComparison.Ordinal);
        programme = (await Bot.Service<SkipLevelProgrammeRepository>().FindAsync(id, CancellationToken.None))!;
        Assert.Equal(Participation.Active, programme.ParticipationOf("p12"));
        Assert.DoesNotContain("Paused their skip-levels.", (await hr.GetFromJsonAsync<JsonElement>($"/api/skiplevel/programmes/{id}/preview")).GetRawText(), StringComparison.Ordinal);
        Assert.Empty(Connector.CardSchemaErrors);
    }

    [Fact]
    public async Task Someone_outside_the_pair_cannot_change_its_participation()
    {
        await InstallAsync("p02", "p12");
        var id = await CreateAndLaunchAsync();

        var card = await Bot.InvokeCardAsync(User("p13").Execute(PairCard.ParticipationVerb, PairData(id, "p02", "p12", new { choice = "OptOut" })));

        Assert.Contains("Not your skip-level", CardTexts.Of(card), StringComparison.Ordinal);
        Assert.Equal(Participation.Active, (await Bot.Service<SkipLevelProgrammeRepository>().FindAsync(id, CancellationToken.None))!.ParticipationOf("p12"));
    }

    [Fact]
    public async Task Erasing_a_person_removes_their_pause_from_the_programme()
    {
        await InstallAsync("p02", "p12");
        var id = await CreateAndLaunchAsync();
        await Bot.InvokeCardAsync(User("p12").Execute(PairCard.ParticipationVerb, PairData(id, "p02", "p12", new { choice = "Pause" })));

        using var hr = ClientAs(PattiHr);
        using var erased = await hr.PostAsync("/api/org/people/p12/erase", null);

        Assert.True(erased.IsSuccessStatusCode, await erased.Content.ReadAsStringAsync());
        var programme = (await Bot.Service<SkipLevelProgrammeRepository>().FindAsync(id, CancellationToken.None))!;
        Assert.DoesNotContain("p12", programme.Participation, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("", "p12", ParticipationChoice.Pause, "p12=Paused", true)]
    [InlineData("p12=Paused", "p12", ParticipationChoice.Pause, "p12=Paused", false)]
    [InlineData("p12=Paused;p13=OptedOut", "p12", ParticipationChoice.Resume, "p13=OptedOut", true)]
    [InlineData("p13=OptedOut", "p12", ParticipationChoice.OptOut, "p12=OptedOut;p13=OptedOut", true)]
    public void The_participation_column_changes_only_what_the_person_chose(string stored, string person, ParticipationChoice choice, string expected, bool changed) =>
        Assert.Equal((expected, changed), ParticipationRules.Apply(stored, person, choice));
}

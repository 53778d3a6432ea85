using System.Net.Http.Json;
using DialogueBot.Testing;

namespace DialogueBot.Tests.Consultation;

/// <summary>No blindsiding: the outcome reaches every consulted manager before the company-wide announcement.</summary>
public sealed class ConsultationOutcomeTests : ConsultationTest
{
    // Operations' active managers (p22 is on leave); p21 has not installed the app, so is never briefed.
    private static readonly string[] Installed = ["p08", "p09", "p18", "p19", "p20"];

    [Fact]
    public async Task The_outcome_reaches_every_consulted_manager_before_the_announcement_time()
    {
        await InstallAsync(Installed.Select(Person));
        var id = await CreateAsync(Draft(units: ["Operations"]));
        await Connector.WaitUntilAsync(c => c.Activities.Count(IsBrief) >= Installed.Length, TimeSpan.FromSeconds(30));

        using var client = Api();
        using (var early = await client.PostAsJsonAsync($"/api/consultations/{id}/outcome", new { outcome = "Changed", whatChanged = "Carers choose their days.", announcementAt = DateTimeOffset.UtcNow.AddDays(2) }))
        {
            Assert.Equal(System.Net.HttpStatusCode.Conflict, early.StatusCode); // the window is still open
        }

        await EndAndPublishAsync(id);
        using (var blindside = await client.PostAsJsonAsync($"/api/consultations/{id}/outcome", new { outcome = "Changed", whatChanged = "Carers choose their days.", announcementAt = DateTimeOffset.UtcNow.AddHours(2) }))
        {
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, blindside.StatusCode);
            Assert.Contains("announcementAt", await blindside.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var missing = await client.PostAsJsonAsync($"/api/consultations/{id}/outcome", new { outcome = "Changed", announcementAt = DateTimeOffset.UtcNow.AddDays(2) }))
        {
            Assert.Contains("whatChanged", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var announcementAt = DateTimeOffset.UtcNow.AddHours(25);
        using (var decided = await client.PostAsJsonAsync($"/api/consultations/{id}/outcome", new
        {
            outcome = "Changed",
            whatChanged = "Carers and long commuters choose their office days.",
            talkingPoints = "Four days from April; exceptions through your manager.",
            announcementAt,
        }))
        {
            Assert.True(decided.IsSuccessStatusCode, await decided.Content.ReadAsStringAsync());
        }

        await Connector.WaitUntilAsync(c => c.Activities.Count(IsOutcome) >= Installed.Length, TimeSpan.FromSeconds(30));
        await WaitForQueueDrainedAsync();

        var outcomes = Connector.Activities.Where(IsOutcome).ToList();
        var expected = Installed.Select(p => DemoUsers.Of(Person(p), Connector.ServiceUrl).ConversationId).Order(StringComparer.Ordinal);
        Assert.Equal(expected, outcomes.Select(a => a.ConversationId).Order(StringComparer.Ordinal));
        Assert.All(outcomes, a =>
        {
            Assert.Contains("Carers and long commuters choose their office days.", a.CardText, StringComparison.Ordinal);
            Assert.Contains("Four days from April", a.CardText, StringComparison.Ordinal);
            Assert.Contains("Announced company-wide", a.CardText, StringComparison.Ordinal);
        });
        Assert.True(DateTimeOffset.UtcNow < announcementAt);

        var page = await GetJsonAsync($"/api/consultations/{id}");
        var sent = page.GetProperty("timeline").EnumerateArray().Single(s => s.GetProperty("label").GetString()!.StartsWith("Outcome sent", StringComparison.Ordinal));
        Assert.Equal($"{Installed.Length} of {Installed.Length} delivered, {Installed.Length} before the announcement", sent.GetProperty("detail").GetString());
        Assert.Empty(Connector.CardSchemaErrors);

        using var again = await client.PostAsJsonAsync($"/api/consultations/{id}/outcome", new { outcome = "GoAhead", announcementAt = DateTimeOffset.UtcNow.AddDays(3) });
        Assert.Equal(System.Net.HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task The_executive_decides_through_the_card_and_a_too_early_announcement_is_named_on_it()
    {
        var id = await CreateAsync(Draft(units: ["Operations"]));
        await EndAndPublishAsync(id);

        var today = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var refused = await PressAsync(Person("p01"), "consult.decide", new { consultationId = id, outcome = "goAhead", announcementDate = today, announcementHour = "6" });
        Assert.Contains("at least 24 hours from now", Text(refused), StringComparison.Ordinal);

        var later = DateTimeOffset.UtcNow.AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var done = await PressAsync(Person("p01"), "consult.decide", new { consultationId = id, outcome = "goAhead", announcementDate = later, announcementHour = "9" });
        Assert.Contains("Going ahead as proposed", Text(done), StringComparison.Ordinal);
    }
}

using System.Net;
using System.Net.Http.Json;
using DialogueBot.Infrastructure.Scheduling;
using DialogueBot.Recognition.Cards;
using DialogueBot.Recognition.Delivery;
using DialogueBot.Recognition.Model;

namespace DialogueBot.Tests.Recognition;

/// <summary>HR and executives review; everyone else is refused at every door, server-side.</summary>
public sealed class ReviewTests : RecognitionBotTest
{
    [Fact]
    public async Task Approve_then_feature_and_final_states_refuse_further_changes()
    {
        await NominateAsync("p13", "p14");
        var id = (await OnlyNominationAsync("p14")).Id;

        var approved = await ReviewAsync("p05", id, "approve");
        Assert.Contains("Approved.", TextOf(approved), StringComparison.Ordinal);
        Assert.Equal(NominationState.Approved, (await OnlyNominationAsync("p14")).Status);
        Assert.Contains("approved already", TextOf(await ReviewAsync("p05", id, "approve")), StringComparison.Ordinal);

        var featured = await ReviewAsync("p01", id, "feature"); // an executive may review too
        Assert.Contains("Featured", TextOf(featured), StringComparison.Ordinal);
        var stored = await OnlyNominationAsync("p14");
        Assert.Equal(NominationState.Featured, stored.Status);
        Assert.Equal("p01", stored.ReviewedBy);
        Assert.Equal("2026-11", stored.FeaturedMonth);

        Assert.Contains("featured already", TextOf(await ReviewAsync("p05", id, "decline", "Changed my mind")), StringComparison.Ordinal);
        Assert.Equal(NominationState.Featured, (await OnlyNominationAsync("p14")).Status);

        // Featuring scheduled November's digest for 1 December, 09:00 in London.
        var job = await Bot.Service<Scheduler>().FindAsync(RecognitionWork.DigestKey("2026-11"));
        Assert.NotNull(job);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), job!.DueAt);
    }

    [Fact]
    public async Task Declining_needs_a_reason_and_keeps_it()
    {
        await NominateAsync("p13", "p14");
        var id = (await OnlyNominationAsync("p14")).Id;

        var form = await Bot.InvokeCardAsync(User("p05").Execute(RecognitionVerbs.DeclineForm, new { nominationId = id }));
        Assert.Contains("Decline this nomination", TextOf(form), StringComparison.Ordinal);
        var noReason = await ReviewAsync("p05", id, "decline", "   ");
        Assert.Contains("Give a reason", TextOf(noReason), StringComparison.Ordinal);
        Assert.Equal(NominationState.Pending, (await OnlyNominationAsync("p14")).Status);

        await ReviewAsync("p05", id, "decline", "A duplicate of last month's.");
        var stored = await OnlyNominationAsync("p14");
        Assert.Equal(NominationState.Declined, stored.Status);
        Assert.Equal("A duplicate of last month's.", stored.DeclineReason);
    }

    [Fact]
    public async Task Managers_cannot_review_from_a_card_or_the_API()
    {
        await NominateAsync("p13", "p14");
        var id = (await OnlyNominationAsync("p14")).Id;

        // Adele is a manager, not HR or an executive: a forged press of a reviewer's button is refused.
        Assert.Contains("Not available to you", TextOf(await ReviewAsync("p13", id, "feature")), StringComparison.Ordinal);
        Assert.Contains("Not available to you", TextOf(await Bot.InvokeCardAsync(User("p13").Execute(RecognitionVerbs.Queue, new { page = 0 }))), StringComparison.Ordinal);
        Assert.Contains("Not available to you", TextOf(await Bot.InvokeCardAsync(User("p13").Execute(RecognitionVerbs.DeclineForm, new { nominationId = id }))), StringComparison.Ordinal);
        Assert.Equal(NominationState.Pending, (await OnlyNominationAsync("p14")).Status);

        using var manager = ClientAs("p13");
        using var list = await manager.GetAsync("/api/recognition/nominations");
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        using var review = await manager.PostAsJsonAsync($"/api/recognition/nominations/{id}/review", new { action = "feature" });
        Assert.Equal(HttpStatusCode.Forbidden, review.StatusCode);
        using var overview = await manager.GetAsync("/api/recognition/overview");
        Assert.Equal(HttpStatusCode.Forbidden, overview.StatusCode);
        using var send = await manager.PostAsync("/api/recognition/digest/2026-11/send", null);
        Assert.Equal(HttpStatusCode.Forbidden, send.StatusCode);
        using var anonymous = Bot.CreateClient();
        using var unauthenticated = await anonymous.GetAsync("/api/recognition/nominations");
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);

        // Executives review but do not set or send the digest (HR's).
        using var megan = ClientAs("p01");
        using var audience = await megan.PutAsJsonAsync("/api/recognition/digest/audience", new { units = Array.Empty<string>(), roles = new[] { "manager" } });
        Assert.Equal(HttpStatusCode.Forbidden, audience.StatusCode);
        Assert.Equal(NominationState.Pending, (await OnlyNominationAsync("p14")).Status);
    }

    [Fact]
    public async Task The_API_reviews_lists_by_state_and_refuses_bad_input_with_400()
    {
        await NominateAsync("p13", "p14");
        await NominateAsync("p12", "p06");
        var id = (await OnlyNominationAsync("p14")).Id;
        using var hr = ClientAs("p05");

        using var featured = await hr.PostAsJsonAsync($"/api/recognition/nominations/{id}/review", new { action = "feature" });
        Assert.Equal(HttpStatusCode.OK, featured.StatusCode);
        Assert.Equal("featured", (await JsonAsync(featured)).GetProperty("state").GetString());
        using var again = await hr.PostAsJsonAsync($"/api/recognition/nominations/{id}/review", new { action = "approve" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using var pending = await hr.GetAsync("/api/recognition/nominations?state=pending");
        var list = await JsonAsync(pending);
        Assert.Equal("Lee Gu", Assert.Single(list.EnumerateArray()).GetProperty("nomineeName").GetString());

        using var unknownAction = await hr.PostAsJsonAsync($"/api/recognition/nominations/{id}/review", new { action = "promote" });
        Assert.Equal(HttpStatusCode.BadRequest, unknownAction.StatusCode);
        using var noReason = await hr.PostAsJsonAsync($"/api/recognition/nominations/{(await OnlyNominationAsync("p06")).Id}/review", new { action = "decline" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        using var unknownState = await hr.GetAsync("/api/recognition/nominations?state=lost");
        Assert.Equal(HttpStatusCode.BadRequest, unknownState.StatusCode);
        using var missing = await hr.PostAsJsonAsync("/api/recognition/nominations/rn0000000000000000000a/review", new { action = "approve" });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var badMonth = await hr.PostAsync("/api/recognition/digest/november/send", null);
        Assert.Equal(HttpStatusCode.BadRequest, badMonth.StatusCode);
    }
}

using System.Net.Http.Json;
using DialogueBot.Recognition.Model;
using DialogueBot.Testing;

namespace DialogueBot.Tests.Recognition;

/// <summary>Nominating from Teams: the nominee and their manager hear once; every limit refuses with a clear card.</summary>
public sealed class NominationTests : RecognitionBotTest
{
    // Adele Vance (p13) nominates Pradeep Gupta (p14), whose manager is Lee Gu (p06).
    [Fact]
    public async Task A_nomination_reaches_the_nominee_and_their_manager_exactly_once_even_when_the_submit_is_retried()
    {
        await InstallAsync("p14", "p06", "p13");
        var submitId = "retried-submit-0000000001";

        var receipt = await NominateAsync("p13", "p14", submitId: submitId);
        var retried = await NominateAsync("p13", "p14", submitId: submitId); // Teams retries the same press
        await WaitUntilNoWorkIsLeftAsync();

        Assert.Contains("Nomination sent", TextOf(receipt), StringComparison.Ordinal);
        Assert.Contains("Nomination sent", TextOf(retried), StringComparison.Ordinal);
        var toNominee = Assert.Single(CardsTo("p14", "recognised you"));
        Assert.Contains("Adele Vance recognised you", toNominee.CardText, StringComparison.Ordinal);
        Assert.Contains(Story, toNominee.CardText, StringComparison.Ordinal);
        Assert.Contains("Coached someone", toNominee.CardText, StringComparison.Ordinal);
        var toManager = Assert.Single(CardsTo("p06", "was recognised"));
        Assert.Contains("Pradeep Gupta was recognised", toManager.CardText, StringComparison.Ordinal);
        Assert.Contains("Adele Vance nominated them", toManager.CardText, StringComparison.Ordinal);
        Assert.Empty(CardsTo("p13", "recognised")); // the nominator's receipt is the card they pressed, nothing proactive
        Assert.True(Connector.CardSchemaErrors.IsEmpty, string.Join("\n", Connector.CardSchemaErrors));

        var stored = await OnlyNominationAsync("p14");
        Assert.Equal(NominationState.Pending, stored.Status);
        Assert.Equal("p13", stored.NominatorId);
        Assert.Equal("2026-11", stored.Month);
    }

    [Fact]
    public async Task The_recognise_command_opens_the_form_with_managers_from_the_org_chart_and_the_categories()
    {
        await Bot.SendAsync(User("p13").Message("recognise"));
        var form = await Connector.WaitForAsync(a => a.ConversationId == User("p13").ConversationId && a.CardText.Contains("Recognise a manager", StringComparison.Ordinal));

        var choices = form.Card.GetProperty("body").EnumerateArray().Single(e => e.TryGetProperty("id", out var id) && id.GetString() == "nomineeId").GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("value").GetString()).ToList();
        Assert.Contains("p14", choices);
        Assert.DoesNotContain("p13", choices); // not themselves
        Assert.DoesNotContain("p27", choices); // not a manager
        Assert.DoesNotContain("p22", choices); // on leave
        var categories = form.Card.GetProperty("body").EnumerateArray().Single(e => e.TryGetProperty("id", out var id) && id.GetString() == "category").GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("title").GetString()).ToList();
        Assert.Equal(["Led a tough transition", "Coached someone", "Advocated for well-being", "Cross-team collaboration", "Delivered a result"], categories);
    }

    [Fact]
    public async Task Self_nomination_is_refused_with_a_clear_card_and_nothing_is_stored()
    {
        var card = await NominateAsync("p13", "p13");

        Assert.Contains("You can't nominate yourself", TextOf(card), StringComparison.Ordinal);
        Assert.Empty(await Bot.Service<DialogueBot.Recognition.Nominations.NominationRepository>().ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task One_open_nomination_per_nominator_and_nominee_per_month_and_a_declined_one_frees_the_slot()
    {
        await NominateAsync("p13", "p14");
        var again = await NominateAsync("p13", "p14", category: "result");
        Assert.Contains("Already nominated this month", TextOf(again), StringComparison.Ordinal);
        Assert.Contains("November 2026", TextOf(again), StringComparison.Ordinal);

        // Someone else may nominate the same person, and the same nominator someone else.
        Assert.Contains("Nomination sent", TextOf(await NominateAsync("p12", "p14")), StringComparison.Ordinal);
        Assert.Contains("Nomination sent", TextOf(await NominateAsync("p13", "p06")), StringComparison.Ordinal);

        var first = (await Bot.Service<DialogueBot.Recognition.Nominations.NominationRepository>().ListAsync(CancellationToken.None)).Single(n => n.NominatorId == "p13" && n.NomineeId == "p14");
        await ReviewAsync("p05", first.Id, "decline", "Please tell us more about the result next time.");
        Assert.Contains("Nomination sent", TextOf(await NominateAsync("p13", "p14", category: "result")), StringComparison.Ordinal);
        Assert.Contains("Already nominated this month", TextOf(await NominateAsync("p13", "p14")), StringComparison.Ordinal);

        // A new month, a new slot.
        Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        Assert.Contains("Nomination sent", TextOf(await NominateAsync("p13", "p14")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_with_a_non_manager_no_category_or_a_one_word_story_comes_back_with_each_problem()
    {
        var card = await Bot.InvokeCardAsync(User("p13").Execute(DialogueBot.Recognition.Cards.RecognitionVerbs.Nominate, new { submitId = "form-errors-0000000001", nomineeId = "p27", category = "bravery", story = "great" }));
        var text = TextOf(card);

        Assert.Contains("Recognise a manager", text, StringComparison.Ordinal); // the form again, as typed
        Assert.Contains("Pick a manager from the list", text, StringComparison.Ordinal);
        Assert.Contains("Pick what kind of win it was", text, StringComparison.Ordinal);
        Assert.Contains("at least 20 characters", text, StringComparison.Ordinal);
        Assert.Empty(await Bot.Service<DialogueBot.Recognition.Nominations.NominationRepository>().ListAsync(CancellationToken.None));

        var forged = await Bot.InvokeCardAsync(User("p13").Execute(DialogueBot.Recognition.Cards.RecognitionVerbs.Nominate, new { nomineeId = "p14" }));
        Assert.Contains("submitId", TextOf(forged), StringComparison.Ordinal); // the field at fault is named
    }

    [Fact]
    public async Task Someone_not_in_the_org_chart_cannot_nominate_and_the_command_is_personal_only()
    {
        var stranger = DemoUsers.Stranger(Connector.ServiceUrl);
        var card = await Bot.InvokeCardAsync(stranger.Execute(DialogueBot.Recognition.Cards.RecognitionVerbs.Nominate, new { submitId = "stranger-submit-000001", nomineeId = "p14", category = "coaching", story = Story }));
        Assert.Contains("I can't find you in the org chart", TextOf(card), StringComparison.Ordinal);

        var inChannel = await Bot.SendAsync(User("p13").Execute(DialogueBot.Recognition.Cards.RecognitionVerbs.Nominate, new { submitId = "channel-submit-0000001", nomineeId = "p14", category = "coaching", story = Story }).InChannel());
        TeamsScopes.AssertNotPersonalReply(inChannel);
        Assert.Empty(await Bot.Service<DialogueBot.Recognition.Nominations.NominationRepository>().ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Nominations_through_the_API_follow_the_same_rules()
    {
        using var adele = ClientAs("p13");
        using var created = await adele.PostAsJsonAsync("/api/recognition/nominations", new { nomineeId = "p14", category = "wellbeing", story = Story });
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        using var twice = await adele.PostAsJsonAsync("/api/recognition/nominations", new { nomineeId = "p14", category = "wellbeing", story = Story });
        Assert.Equal(System.Net.HttpStatusCode.Conflict, twice.StatusCode);
        using var self = await adele.PostAsJsonAsync("/api/recognition/nominations", new { nomineeId = "p13", category = "wellbeing", story = Story });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, self.StatusCode);
        using var invalid = await adele.PostAsJsonAsync("/api/recognition/nominations", new { nomineeId = "p14", category = "nope", story = "x" });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await JsonAsync(invalid)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("category", out _) && errors.TryGetProperty("story", out _), errors.ToString());
    }
}

/// <summary>Forged or malformed card data gets a clear card naming what is wrong; text is cleaned at the door.</summary>
public sealed class NominationInputTests : RecognitionBotTest
{
    [Fact]
    public async Task Malformed_review_data_is_answered_with_the_field_at_fault_and_nothing_changes()
    {
        await NominateAsync("p13", "p14");
        var id = (await OnlyNominationAsync("p14")).Id;

        var numeric = await Bot.InvokeCardAsync(User("p05").Execute(DialogueBot.Recognition.Cards.RecognitionVerbs.Review, new { nominationId = id, action = 1 }));
        Assert.Contains("action", TextOf(numeric), StringComparison.Ordinal);
        var unknown = await Bot.InvokeCardAsync(User("p05").Execute(DialogueBot.Recognition.Cards.RecognitionVerbs.Review, new { nominationId = id, action = "promote" }));
        Assert.Contains("action", TextOf(unknown), StringComparison.Ordinal);
        var noId = await Bot.InvokeCardAsync(User("p05").Execute(DialogueBot.Recognition.Cards.RecognitionVerbs.Review, new { action = "feature" }));
        Assert.Contains("nominationId", TextOf(noId), StringComparison.Ordinal);
        var forgedId = await Bot.InvokeCardAsync(User("p05").Execute(DialogueBot.Recognition.Cards.RecognitionVerbs.Review, new { nominationId = "../../etc", action = "feature" }));
        Assert.Contains("out of date", TextOf(forgedId), StringComparison.Ordinal);

        Assert.Equal(NominationState.Pending, (await OnlyNominationAsync("p14")).Status);
    }

    [Fact]
    public async Task Control_and_bidi_characters_never_reach_storage_or_the_nominees_card()
    {
        await InstallAsync("p14");
        await NominateAsync("p13", "p14", story: "Kept the team\u202E together through the reorg\u0007 and\r\nbeyond, every single week.");
        await WaitUntilNoWorkIsLeftAsync();

        var stored = await OnlyNominationAsync("p14");
        Assert.DoesNotContain('\u202E', stored.Story);
        Assert.DoesNotContain('\u0007', stored.Story);
        var card = Assert.Single(CardsTo("p14", "recognised you"));
        Assert.DoesNotContain("\u202E", card.CardText, StringComparison.Ordinal);
        Assert.Contains("together through the reorg", card.CardText, StringComparison.Ordinal);
    }
}

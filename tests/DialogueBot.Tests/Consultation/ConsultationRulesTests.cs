using DialogueBot.Consultation.Cards;
using DialogueBot.Consultation.Model;
using DialogueBot.Consultation.Ratings;
using DialogueBot.Infrastructure.Anonymity.Disclosure;
using DialogueBot.Org;
using DialogueBot.Testing;

namespace DialogueBot.Tests.Consultation;

/// <summary>The consultation's rules without the pipeline: counting, disclosure, transitions, drafts, audiences, card data.</summary>
public class ConsultationRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Ratings_count_in_their_views_and_cell_so_the_cells_add_up()
    {
        var totals = RatingFigures.Count([new PendingRating(4, 2, "Engineering", null), new PendingRating(2, 5, "Engineering", null), new PendingRating(1, 1, "", null)]);
        var everyone = totals.Single(t => t.Cohort == Cohort.Everyone);
        Assert.Equal(3, everyone.People);
        Assert.Equal([1, 1, 0, 1, 0], everyone.Support);
        Assert.Equal(2, totals.Single(t => t.Cohort == Cohort.OfUnit("Engineering")).People);
        Assert.Equal(3, totals.Where(t => t.Cohort.Kind == CohortKind.Cell).Sum(t => t.People));
    }

    [Fact]
    public void Nothing_is_shown_under_k_and_a_view_whose_remainder_is_under_k_is_hidden()
    {
        var few = RatingFigures.Disclose(RatingFigures.Count(Enumerable.Repeat(new PendingRating(3, 3, "Engineering", null), 4)), 5);
        Assert.Empty(few.Views);

        var ratings = Enumerable.Repeat(new PendingRating(4, 4, "Engineering", null), 6).Append(new PendingRating(1, 1, "", null));
        var shown = RatingFigures.Disclose(RatingFigures.Count(ratings), 5);
        Assert.Equal(["all"], shown.Views.Select(v => v.Cohort));
        Assert.Equal(7, shown.Views[0].People);
        Assert.Equal(1, shown.HiddenViews);
    }

    [Fact]
    public void Status_changes_refuse_what_does_not_apply()
    {
        var open = ConsultationCardCatalogTests.Sample();
        Assert.Null(open.Publish(Now));
        Assert.Null(open.Decide(ConsultationOutcome.GoAhead, "", "", Now.AddDays(2), Now));
        var closing = open.EndWindow(Now)!;
        Assert.Equal(ConsultationStatus.Closing, closing.Status);
        Assert.Null(closing.EndWindow(Now));
        var reviewing = closing.Publish(Now)!;
        Assert.False(reviewing.TakesInputAt(Now));
        var decided = reviewing.Decide(ConsultationOutcome.Withdrawn, "", "", Now.AddDays(2), Now)!;
        Assert.Equal(ConsultationOutcome.Withdrawn, decided.Outcome);
        Assert.Null(decided.Decide(ConsultationOutcome.GoAhead, "", "", Now.AddDays(3), Now));
    }

    [Fact]
    public void A_draft_names_every_field_at_fault_and_cleans_text()
    {
        var org = new OrgSnapshot("v1", DemoUsers.All);
        var (invalid, errors) = ConsultationDraftRules.Check(new ConsultationDraft { Title = "  ", Units = ["Nowhere"], Levels = [0], ClosesAt = Now.AddMinutes(5) }, org, Now, 2000);
        Assert.Null(invalid);
        Assert.Equal(["closesAt", "context", "levels", "openToInput", "proposal", "title", "units"], errors.Keys.Order(StringComparer.Ordinal));

        var (valid, none) = ConsultationDraftRules.Check(new ConsultationDraft { Title = "Plan\u202E", Proposal = "P", Context = "C", OpenToInput = "O", Units = ["engineering"], Levels = [4], ClosesAt = Now.AddDays(3) }, org, Now, 2000);
        Assert.Empty(none);
        Assert.Equal("Plan", valid!.Title);
        Assert.Equal(["Engineering"], valid.Audience.Units);
        Assert.Equal(6, valid.Audience.Resolve(org).Count);
    }

    [Fact]
    public void The_audience_is_active_managers_of_the_units_and_levels()
    {
        var org = new OrgSnapshot("v1", DemoUsers.All);
        var operations = new ConsultationAudience(["Operations"], []).Resolve(org).Select(p => p.Id);
        Assert.Equal(["p08", "p09", "p18", "p19", "p20", "p21"], operations); // p22 is on leave, p30 is not a manager
        Assert.Equal(20, ConsultationAudience.Everyone.Resolve(org).Count);
    }

    [Fact]
    public void Card_data_reads_inputs_as_strings_and_names_a_missing_field()
    {
        var rate = BotFramework.Routing.CardDataJson.Read<ConsultRateData>(System.Text.Json.JsonDocument.Parse("""{"consultationId":"co1","support":"4","impact":""}""").RootElement);
        Assert.True(rate.IsValid);
        Assert.Equal(4, rate.Value!.SupportValue);
        Assert.Null(rate.Value.ImpactValue);

        var vote = BotFramework.Routing.CardDataJson.Read<ConsultVoteData>(System.Text.Json.JsonDocument.Parse("""{"consultationId":"co1","on":true}""").RootElement);
        Assert.Contains("concernId", vote.Error, StringComparison.Ordinal);

        var decide = BotFramework.Routing.CardDataJson.Read<ConsultDecideData>(System.Text.Json.JsonDocument.Parse("""{"consultationId":"co1","outcome":"goAhead","announcementDate":"2026-12-03","announcementHour":"10"}""").RootElement).Value!;
        Assert.Equal(ConsultationOutcome.GoAhead, decide.OutcomeValue);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero), decide.AnnouncementAt);
    }
}

using DialogueBot.Demo;
using DialogueBot.Org;
using DialogueBot.Recognition;
using DialogueBot.Recognition.Delivery;
using DialogueBot.Recognition.Digests;
using DialogueBot.Recognition.Model;
using DialogueBot.Recognition.Nominations;

namespace DialogueBot.Tests.Recognition;

/// <summary>The recognition rules on their own: review transitions, months, the overview, the digest audience, the work keys.</summary>
public sealed class RecognitionRulesTests
{
    private static readonly OrgSnapshot Org = new("v", OrgChartCsv.Parse(DemoSeeder.DemoOrgCsv()).People);

    [Theory]
    [InlineData(NominationState.Pending, ReviewAction.Approve, NominationState.Approved)]
    [InlineData(NominationState.Pending, ReviewAction.Feature, NominationState.Featured)]
    [InlineData(NominationState.Pending, ReviewAction.Decline, NominationState.Declined)]
    [InlineData(NominationState.Approved, ReviewAction.Feature, NominationState.Featured)]
    [InlineData(NominationState.Approved, ReviewAction.Decline, NominationState.Declined)]
    public void Allowed_review_transitions(NominationState from, ReviewAction action, NominationState to)
    {
        var (next, refusal) = NominationReview.Apply(from, action, "a reason");
        Assert.Equal(to, next);
        Assert.Null(refusal);
    }

    [Theory]
    [InlineData(NominationState.Approved, ReviewAction.Approve)]
    [InlineData(NominationState.Featured, ReviewAction.Approve)]
    [InlineData(NominationState.Featured, ReviewAction.Feature)]
    [InlineData(NominationState.Featured, ReviewAction.Decline)]
    [InlineData(NominationState.Declined, ReviewAction.Approve)]
    [InlineData(NominationState.Declined, ReviewAction.Feature)]
    public void Refused_review_transitions_say_why(NominationState from, ReviewAction action)
    {
        var (next, refusal) = NominationReview.Apply(from, action, "a reason");
        Assert.Null(next);
        Assert.False(string.IsNullOrWhiteSpace(refusal));
    }

    [Fact]
    public void A_decline_needs_a_reason_of_reasonable_length()
    {
        Assert.NotNull(NominationReview.ReasonProblem(ReviewAction.Decline, " "));
        Assert.NotNull(NominationReview.ReasonProblem(ReviewAction.Decline, new string('x', NominationReview.MaxReasonLength + 1)));
        Assert.Null(NominationReview.ReasonProblem(ReviewAction.Decline, "Duplicate"));
        Assert.Null(NominationReview.ReasonProblem(ReviewAction.Approve, null));
        Assert.Null(NominationReview.Apply(NominationState.Pending, ReviewAction.Decline, "").Next);
    }

    [Fact]
    public void Months_follow_the_organisations_time_zone_and_the_digest_is_due_on_the_first_of_the_next()
    {
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        Assert.Equal("2026-12", RecognitionCalendar.MonthOf(new DateTimeOffset(2026, 11, 30, 20, 0, 0, TimeSpan.Zero), tokyo));
        Assert.Equal("2026-11", RecognitionCalendar.MonthOf(new DateTimeOffset(2026, 11, 30, 20, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc));
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 9, 0, 0, TimeSpan.FromHours(1)), RecognitionCalendar.DigestDueAt("2026-12", 9, berlin));
        Assert.False(RecognitionCalendar.TryParseMonth("2026-13", out _));
        Assert.Equal("November 2026", RecognitionCalendar.Describe("2026-11"));
    }

    [Fact]
    public void Declined_nominations_do_not_count_as_recognition_and_people_on_leave_are_not_overlooked()
    {
        var overview = RecognitionOverview.From(Org,
        [
            new NominationEntity { RowKey = "rn1", NominatorId = "p13", NomineeId = "p14", Status = NominationState.Pending },
            new NominationEntity { RowKey = "rn2", NominatorId = "p12", NomineeId = "p14", Status = NominationState.Featured },
            new NominationEntity { RowKey = "rn3", NominatorId = "p24", NomineeId = "p23", Status = NominationState.Declined },
        ]);

        Assert.DoesNotContain(overview.NeverRecognised, m => m.Id == "p14");
        Assert.Contains(overview.NeverRecognised, m => m.Id == "p23");
        Assert.DoesNotContain(overview.NeverRecognised, m => m.Id == "p22"); // on leave
        Assert.DoesNotContain(overview.NeverRecognised, m => m.Id == "p27"); // not a manager
        var unit = Assert.Single(overview.ByUnit);
        Assert.Equal(("Engineering/Platform", 2, 1), (unit.Unit, unit.Nominations, unit.People));
        Assert.Equal(19, overview.NeverRecognised.Count);
    }

    [Fact]
    public void The_digest_audience_is_active_people_with_a_Teams_identity_in_the_units_and_roles()
    {
        var platformManagers = new DigestAudience(["Engineering/Platform"], OrgRole.Manager).Resolve(Org).Select(p => p.Id);
        Assert.Equal(["p06", "p12", "p13", "p14"], platformManagers);
        Assert.DoesNotContain(DigestAudience.Default.Resolve(Org), p => p.Id == "p22" || p.Id == "p27");
        Assert.Equal(Org.People.Count(p => p.IsActive), new DigestAudience([], OrgRole.None).Resolve(Org).Count);
    }

    [Fact]
    public void Work_keys_are_scoped_by_the_nomination_or_the_digest_month()
    {
        Assert.StartsWith("rnabc.", RecognitionWork.NotifyKey("rnabc", NotifyRecipient.Manager), StringComparison.Ordinal);
        Assert.StartsWith("recdigest-2026-11.", RecognitionWork.DigestSendKey("2026-11", "p12"), StringComparison.Ordinal);
        Assert.StartsWith("recdigest-2026-11.", RecognitionWork.DigestKey("2026-11"), StringComparison.Ordinal);
        Assert.NotEqual(NominationRepository.IdFor("a-submit-id-000001"), NominationRepository.IdFor("a-submit-id-000002"));
        Assert.True(NominationRepository.IsValidId(NominationRepository.IdFor("a-submit-id-000001")));
    }

    [Fact]
    public void Configured_categories_replace_the_defaults()
    {
        var options = new RecognitionOptions { Categories = [new RecognitionCategory("mentoring", "Mentored a peer")] };
        Assert.Equal(["mentoring"], options.EffectiveCategories.Select(c => c.Id));
        Assert.Equal("Mentored a peer", options.TitleOf("MENTORING"));
        Assert.Equal("coaching", options.TitleOf("coaching")); // removed since: its id stands in
        Assert.Equal(5, new RecognitionOptions().EffectiveCategories.Count);
    }
}

using DialogueBot.Org;
using DialogueBot.Infrastructure.Anonymity.Disclosure;
using DialogueBot.Pulse.Delivery;
using DialogueBot.Pulse.Model;
using DialogueBot.Testing;

namespace DialogueBot.Tests.Pulse;

/// <summary>The pure rules: disclosure (which filters may be shown), cohort coarsening, quiet hours, draft validation.</summary>
public class PulseRulesTests
{
    private static Dictionary<string, Dictionary<string, int>> Measures(params (string Cohort, int N)[] cohorts) =>
        cohorts.ToDictionary(c => c.Cohort, c => new Dictionary<string, int> { ["n"] = c.N, ["q1"] = c.N });

    [Fact]
    public void A_filter_is_refused_when_it_or_its_complement_within_the_parent_is_under_k()
    {
        var permitted = KeyedDisclosure.PermittedFilters(Measures(("all", 12), ("unit:A", 8), ("unit:B", 4)), 5);

        Assert.DoesNotContain("unit:B", permitted); // 4 people
        Assert.DoesNotContain("unit:A", permitted); // everyone − A = 4 people
    }

    [Fact]
    public void Complementary_suppression_hides_the_next_smallest_sibling_when_the_rest_would_be_under_k()
    {
        var permitted = KeyedDisclosure.PermittedFilters(Measures(("all", 20), ("unit:A", 8), ("unit:B", 6), ("unit:C", 6)), 5);
        Assert.Equal(3, permitted.Count); // remainder 0: nothing hidden to find

        var withSmall = KeyedDisclosure.PermittedFilters(Measures(("all", 17), ("unit:A", 8), ("unit:B", 6), ("unit:C", 3)), 5);
        Assert.Equal(["unit:A"], withSmall.Order()); // C hidden (3); then all − A − B = 3 would expose C, so B is hidden too
    }

    [Fact]
    public void A_child_unit_is_judged_against_its_parent_and_never_shown_under_a_hidden_parent()
    {
        var permitted = KeyedDisclosure.PermittedFilters(Measures(("all", 30), ("unit:E", 14), ("unit:E/P", 7), ("unit:E/Q", 7), ("unit:F", 4), ("unit:F/X", 4)), 5);

        Assert.Contains("unit:E/P", permitted);
        Assert.Contains("unit:E/Q", permitted);
        Assert.DoesNotContain("unit:F", permitted);
        Assert.DoesNotContain("unit:F/X", permitted);
    }

    [Fact]
    public void An_optional_question_answered_by_few_in_a_group_is_hidden_in_that_filter_and_in_every_view_it_could_be_subtracted_from()
    {
        var measures = Measures(("all", 12), ("unit:A", 6), ("unit:B", 6));
        measures["all"]["q2"] = 7;
        measures["unit:A"]["q2"] = 6;
        measures["unit:B"]["q2"] = 1;

        var disclosure = KeyedDisclosure.Decide(measures, 5);

        // Respondents and q1 (6 and 6) are safe in both units; q2 is not: B's one comment, or everyone − A, would
        // describe one person, so q2 is shown for everyone (7) only, in every view.
        Assert.Equal(["all", "unit:A", "unit:B"], disclosure.Views.Order(StringComparer.Ordinal));
        Assert.True(disclosure.Shows("q1", "unit:B"));
        Assert.True(disclosure.Shows("q2", "all"));
        Assert.False(disclosure.Shows("q2", "unit:A"));
        Assert.False(disclosure.Shows("q2", "unit:B"));
    }

    [Fact]
    public void Under_k_respondents_in_total_nothing_is_permitted()
    {
        Assert.Empty(KeyedDisclosure.PermittedFilters(Measures(("all", 4), ("unit:A", 4)), 5));
    }

    [Fact]
    public void Cohorts_are_coarsened_until_at_least_k_of_the_audience_share_them()
    {
        var managers = DemoUsers.All.Where(p => p.IsActive && p.Roles.HasFlag(OrgRole.Manager)).ToList();
        Cohort Of(string id) => AudienceResolver.CohortOf(managers.Single(p => p.Id == id), managers, 5);

        Assert.Equal(Cohort.CellOf("Engineering", null), Of("p12")); // Platform has 4 managers: too few
        Assert.Equal(Cohort.CellOf("Operations", null), Of("p18"));
        Assert.Equal(Cohort.CellOf("", null), Of("p23")); // Finance has 3: everyone
        var everyone = DemoUsers.All.Where(p => p.IsActive).ToList();
        // With k = 2, Ben (Platform, level 5) shares unit and level with Mona: both are kept.
        Assert.Equal(Cohort.CellOf("Engineering/Platform", 5), AudienceResolver.CohortOf(everyone.Single(p => p.Id == "p27"), everyone, 2));
    }

    [Fact]
    public void Cohort_keys_cover_the_unit_its_ancestors_the_level_and_the_finest_cell()
    {
        Assert.Equal(["all", "unit:A", "unit:A/B", "level:4", "cell:4:A/B"], KeyedDisclosure.Of("A/B", 4));
        Assert.Equal(["all", "cell:-:"], KeyedDisclosure.Of("", null));
        Assert.True(Cohort.TryParse(Cohort.CellOf("A:x/B", 3).Key, out var cell));
        Assert.Equal(("A:x/B", (int?)3), (cell.Unit, cell.Level));
        Assert.True(Cohort.TryParse(Cohort.CellOf("", null).Key, out cell));
        Assert.Equal(("", (int?)null), (cell.Unit, cell.Level));
    }

    [Theory]
    [InlineData("2026-11-23T10:00:00Z", "Europe/London", 0)] // Monday 10:00
    [InlineData("2026-11-23T07:00:00Z", "Europe/London", 2)] // Monday 07:00 → 09:00
    [InlineData("2026-11-23T18:30:00Z", "Europe/London", 14.5)] // Monday 18:30 → Tuesday 09:00
    [InlineData("2026-11-28T12:00:00Z", "Europe/London", 45)] // Saturday noon → Monday 09:00
    [InlineData("2026-11-23T10:00:00Z", "Asia/Kolkata", 0)] // 15:30 in Kolkata
    [InlineData("2026-11-23T13:00:00Z", "Asia/Kolkata", 14.5)] // 18:30 in Kolkata → 09:00 next day
    [InlineData("2026-11-23T10:00:00Z", "", 0)] // no zone: the organisation's
    public void Quiet_hours_wait_until_the_recipients_next_working_hour(string now, string zone, double hours)
    {
        var wait = QuietHours.WaitFor(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), zone, "Europe/London", 9, 18);
        Assert.Equal(TimeSpan.FromHours(hours), wait);
    }

    [Fact]
    public void A_draft_with_every_problem_names_each_field()
    {
        var now = DateTimeOffset.UtcNow;
        var draft = new PulseDraft
        {
            Title = "",
            Questions = [new("rating", ""), new("banana", "x"), new("singleChoice", "Pick", Choices: ["only one"]), new("text", "Why?", Choices: ["a", "b"])],
            Audience = new AudienceDraft(["Atlantis"], [0]),
            OpensAt = now.AddDays(-2),
            ClosesAt = now.AddDays(-3),
            Recurrence = "every monday",
        };

        var (valid, errors) = PulseDraftValidator.Validate(draft, now, ["Engineering"]);

        Assert.Null(valid);
        Assert.Equal(
            ["audience.levels", "audience.units", "closesAt", "opensAt", "questions[0].text", "questions[1].kind", "questions[2].choices", "questions[3].choices", "recurrence", "title"],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Eleven_questions_are_too_many()
    {
        var draft = new PulseDraft { Title = "t", Questions = Enumerable.Range(0, 11).Select(i => new QuestionDraft("rating", "q" + i)).ToList(), ClosesAt = DateTimeOffset.UtcNow.AddDays(1) };
        var (_, errors) = PulseDraftValidator.Validate(draft, DateTimeOffset.UtcNow, []);
        Assert.Equal(["questions"], errors.Keys);
    }
}

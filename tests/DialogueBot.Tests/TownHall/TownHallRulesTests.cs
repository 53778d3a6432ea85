using DialogueBot.Demo;
using DialogueBot.Org;
using DialogueBot.TownHall;

namespace DialogueBot.Tests.TownHall;

/// <summary>The town hall's input rules as pure functions: creation, question text, dismissal reasons and answers. No host, no storage.</summary>
public class TownHallRulesTests
{
    private static readonly OrgSnapshot Org = new("v", OrgChartCsv.Parse(DemoSeeder.DemoOrgCsv()).People);

    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly Caller Patti = new("patti", Org.FindById("p05"));

    private static CreateTownHallRequest Valid(string? title = "Q3 town hall", string[]? hosts = null, string[]? units = null, DateTimeOffset? opensAt = null, DateTimeOffset? closesAt = null, DateTimeOffset? eventAt = null) =>
        new(title, hosts ?? ["p01"], units ?? [], opensAt, closesAt ?? Now.AddDays(2), eventAt ?? Now.AddDays(2).AddHours(1), true, false, false);

    [Fact]
    public void A_valid_town_hall_opens_now_when_no_opening_is_given_and_keeps_its_hosts_and_audience()
    {
        var (draft, errors) = TownHallRules.CheckCreation(Valid(units: ["Engineering"]), Patti, Org, Now);

        Assert.Empty(errors);
        Assert.NotNull(draft);
        Assert.Equal("Q3 town hall", draft.Title);
        Assert.Equal(["p01"], draft.HostIds);
        Assert.Equal(["Engineering"], draft.AudienceUnits);
        Assert.Equal(Now, draft.OpensAt);
    }

    [Fact]
    public void Without_hosts_the_creator_hosts()
    {
        var (draft, _) = TownHallRules.CheckCreation(Valid(hosts: [" ", ""]), Patti, Org, Now);

        Assert.Equal(["p05"], draft!.HostIds);
    }

    [Fact]
    public void Every_field_at_fault_is_named_with_its_problem()
    {
        var request = new CreateTownHallRequest("Q", ["nobody"], ["Nowhere"], Now, Now.AddHours(-1), null, null, null, null);

        var (draft, errors) = TownHallRules.CheckCreation(request, Patti, Org, Now);

        Assert.Null(draft);
        Assert.Equal(["audienceUnits", "closesAt", "eventAt", "hostIds", "title"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("'nobody' is not a person id in the org chart.", Assert.Single(errors["hostIds"]));
        Assert.Equal("'Nowhere' is not an org unit in the org chart.", Assert.Single(errors["audienceUnits"]));
    }

    [Fact]
    public void Questions_must_close_after_they_open()
    {
        var (_, errors) = TownHallRules.CheckCreation(Valid(opensAt: Now.AddDays(3)), Patti, Org, Now);

        Assert.Equal(["closesAt"], errors.Keys);
    }

    [Fact]
    public void The_title_is_cleaned_of_control_characters_before_its_length_is_checked()
    {
        var (_, errors) = TownHallRules.CheckCreation(Valid(title: "\u0007\u202E  Q"), Patti, Org, Now);

        Assert.Equal(["title"], errors.Keys);
    }

    [Theory]
    [InlineData("Why?", "Please write a question of at least 10 characters.")]
    [InlineData("Will the hiring freeze affect backfills?", null)]
    public void A_question_has_a_minimum_length(string text, string? problem) =>
        Assert.Equal(problem, TownHallRules.CheckQuestionText(text, 10, 500).Problem);

    [Fact]
    public void A_question_over_the_limit_is_refused_saying_how_long_it_is() =>
        Assert.Equal("Questions are limited to 20 characters; yours has 25. Please shorten it.", TownHallRules.CheckQuestionText(new string('x', 25), 10, 20).Problem);

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void A_dismissal_needs_a_reason(string? reason) =>
        Assert.NotNull(TownHallRules.CheckDismissReason(reason).Problem);

    [Theory]
    [InlineData("Targets move with the model.", "", null)]
    [InlineData("", "https://intranet.contoso.example/plan", null)]
    [InlineData("", "", "Write an answer or give a link to one (a recording, a page).")]
    [InlineData("See the page.", "http://intranet.contoso.example/plan", "The link must be a full https:// address.")]
    [InlineData("See the page.", "javascript:alert(1)", "The link must be a full https:// address.")]
    [InlineData("See the page.", "intranet/plan", "The link must be a full https:// address.")]
    public void An_answer_is_a_text_or_an_https_link(string answer, string link, string? problem) =>
        Assert.Equal(problem, TownHallRules.CheckAnswer(answer, link, 2000).Problem);

    [Fact]
    public void An_answer_over_the_limit_is_refused() =>
        Assert.Equal("Answers are limited to 10 characters; link to a longer one.", TownHallRules.CheckAnswer(new string('a', 11), "", 10).Problem);

    [Theory]
    [InlineData(null, true, true, true)]
    [InlineData(null, true, false, false)] // too small an audience: named, whatever the default
    [InlineData(null, false, true, false)]
    [InlineData(false, true, true, false)]
    [InlineData(true, false, true, true)]
    public void A_question_is_anonymous_as_chosen_else_by_the_default_where_offered(bool? chosen, bool byDefault, bool offered, bool anonymous) =>
        Assert.Equal(anonymous, TownHallRules.AsksAnonymously(chosen, byDefault, offered));
}

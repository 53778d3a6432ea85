using DialogueBot.Org;
using DialogueBot.Pulse.Lifecycle;
using DialogueBot.Pulse.Model;
using DialogueBot.Testing;

namespace DialogueBot.Tests.Pulse;

/// <summary>Creating a pulse, without a host: the API and the Teams form go through the same rules and the same words.</summary>
public class PulseCreationRulesTests
{
    private const int K = 5;
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly OrgSnapshot Org = new("v", DemoUsers.All);

    private static PulseDraft Draft(AudienceDraft audience) => new()
    {
        Title = "Check-in",
        Questions = [new QuestionDraft("rating", "Clear?")],
        Audience = audience,
        ClosesAt = Now.AddDays(3),
    };

    [Fact]
    public void An_audience_under_k_is_refused_with_the_same_words_from_the_api_and_the_form()
    {
        var (api, apiCheck) = PulseCreationRules.Check(Draft(new AudienceDraft(["Finance/Planning"])), Org, Now, K);
        var (formDraft, formErrors) = PulseCreationRules.FromForm(new PulseFormData("Check-in", "enps", "Finance/Planning", ManagersOnly: false, Days: 3), Now);
        var (form, formCheck) = PulseCreationRules.Check(formDraft, Org, Now, K, formErrors);

        Assert.Null(api);
        Assert.Null(form);
        Assert.Equal(["audience"], apiCheck.Errors.Keys);
        Assert.Equal(apiCheck.Errors["audience"], formCheck.Errors["audience"]);
        Assert.Contains($"below {K}", apiCheck.Errors["audience"][0], StringComparison.Ordinal);
        Assert.Equal(apiCheck.Audience, formCheck.Audience);
        Assert.True(apiCheck.Audience < K);
    }

    [Fact]
    public void A_valid_draft_is_counted_and_normalised()
    {
        var (pulse, check) = PulseCreationRules.Check(Draft(new AudienceDraft([" Engineering ", "Engineering"])), Org, Now, K);

        Assert.True(check.IsValid);
        Assert.False(check.Created); // checking creates nothing
        Assert.Equal(AudienceResolver.Resolve(Org, pulse!.Audience).Count, check.Audience);
        Assert.Equal(["Engineering"], pulse.Audience.Units); // trimmed, once
        Assert.Equal(Now, pulse.OpensAt);
    }

    [Fact]
    public void A_draft_that_fails_its_own_checks_is_not_counted()
    {
        var (pulse, check) = PulseCreationRules.Check(Draft(new AudienceDraft(["Atlantis"])) with { Title = "" }, Org, Now, K);

        Assert.Null(pulse);
        Assert.Null(check.Audience);
        Assert.Equal(["audience.units", "title"], check.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_form_needs_a_question_set_and_one_to_thirty_days_and_reports_the_draft_problems_beside()
    {
        var (draft, errors) = PulseCreationRules.FromForm(new PulseFormData("", "nonsense", Days: 31), Now);
        var (_, check) = PulseCreationRules.Check(draft, Org, Now, K, errors);

        Assert.Equal(["closesAt", "days", "questions", "template", "title"], check.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Pick a question set.", check.Errors["template"].Single());
        Assert.Equal("A pulse stays open 1 to 30 days.", check.Errors["days"].Single());
    }

    [Fact]
    public void The_form_becomes_a_draft_of_its_question_set_its_unit_or_everyone_and_whole_days()
    {
        var (draft, errors) = PulseCreationRules.FromForm(new PulseFormData("From Teams", "ENPS", PulseFormData.EveryoneUnit, ManagersOnly: true, Days: 2.6), Now);

        Assert.Empty(errors);
        Assert.Equal(PulseTemplates.Find("enps")!.Questions.Select(q => (q.Kind.ToString(), q.Text)), draft.Questions!.Select(q => (q.Kind!, q.Text!)));
        Assert.True(draft.Audience!.ManagersOnly);
        Assert.Empty(draft.Audience.Units!);
        Assert.Equal(Now.AddDays(3), draft.ClosesAt);
        Assert.True(PulseCreationRules.Check(draft, Org, Now, K).Check.IsValid);
    }
}

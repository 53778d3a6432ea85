using DialogueBot.Pulse.Cards;
using DialogueBot.Pulse.Lifecycle;
using DialogueBot.Pulse.Model;
using DialogueBot.Testing;

namespace DialogueBot.Tests.Pulse;

/// <summary>The Teams form takes the creator's own questions, alone or after a question set, and previews them before sending.</summary>
public sealed class PulseFormOwnQuestionsTests : BotTest
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Own_questions_alone_become_rated_statements()
    {
        var (draft, errors) = PulseCreationRules.FromForm(new PulseFormData("Mine", PulseFormData.OwnOnly, Days: 3, Own1: "I know our priorities.", Own3: "  I can say no to new work.  "), Now);

        Assert.Empty(errors);
        Assert.Equal([("Rating", "I know our priorities."), ("Rating", "I can say no to new work.")], draft.Questions!.Select(q => (q.Kind!, q.Text!)));
    }

    [Fact]
    public void Own_questions_follow_a_question_set_and_only_my_own_needs_one()
    {
        var (withSet, _) = PulseCreationRules.FromForm(new PulseFormData("Mix", "enps", Days: 3, Own2: "My team has what it needs."), Now);
        Assert.Equal(PulseTemplates.Find("enps")!.Questions.Count + 1, withSet.Questions!.Count);

        var (_, errors) = PulseCreationRules.FromForm(new PulseFormData("None", PulseFormData.OwnOnly, Days: 3), Now);
        Assert.Equal(["Write at least one question of your own."], errors["template"]);
    }

    [Fact]
    public async Task Preview_shows_the_questions_as_they_will_be_asked_and_the_audience_and_sends_nothing()
    {
        var patti = DemoUsers.Patti(Connector.ServiceUrl);

        var card = await Bot.InvokeCardAsync(patti.Execute(PulseFormCard.PreviewVerb, new { title = "Mine", template = PulseFormData.OwnOnly, unit = PulseFormData.EveryoneUnit, managersOnly = "true", days = "3", own1 = "I know our <b>priorities</b>." }));

        var text = CardTexts.Of(card);
        Assert.Contains("Preview: the questions as they will be asked", text, StringComparison.Ordinal);
        Assert.Contains("1. I know our ", text, StringComparison.Ordinal);
        Assert.Contains("(strongly disagree to strongly agree)", text, StringComparison.Ordinal);
        Assert.Contains("This audience is", text, StringComparison.Ordinal);
        Assert.Empty(await Bot.Service<PulseService>().ListAsync(CancellationToken.None));
        CardRules.AssertReadyForPeople(card.GetRawText(), "pulse form preview");
    }

    [Fact]
    public void The_form_with_a_preview_is_in_the_catalog()
    {
        CardCatalog.Save("pulse-form-preview", PulseFormCard.Build(["Engineering", "Operations"], 5, null, null, 20, PulseTemplates.All[1].Questions));
    }
}

using System.Text.Json;
using DialogueBot.Demo;
using DialogueBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DialogueBot.Tests.Conversations;

/// <summary>The help card is a card of buttons: each starts its task for a person of that role, and none names an API path.</summary>
public sealed class HelpButtonTests : BotTest
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        foreach (var seed in Bot.Services.GetServices<IDemoSeed>())
        {
            await seed.SeedAsync(CancellationToken.None); // a town hall to ask in, pulses to read
        }
    }

    [Theory]
    [InlineData("p12", new[] { "Start a pulse", "See results", "New programme", "Skip-level status", "Ask a question", "Question board", "Recognise a manager", "Review nominations" })]
    [InlineData("p01", new[] { "Start a pulse", "See results", "Moderate questions", "Ask a question", "Recognise a manager" })]
    [InlineData("p13", new[] { "Ask a question", "Question board", "Recognise a manager" })]
    public async Task Every_help_button_of_a_role_starts_its_task(string personId, string[] expected)
    {
        var user = User(personId);
        var help = await Bot.InvokeCardAsync(user.Execute("help.show"));
        CardRules.AssertReadyForPeople(help.GetRawText(), "help for " + personId);
        var buttons = Buttons(help).ToList();
        Assert.Superset(expected.ToHashSet(), buttons.Select(b => b.GetProperty("title").GetString()!).ToHashSet());

        foreach (var button in buttons)
        {
            var title = button.GetProperty("title").GetString()!;
            string answer;
            if (button.GetProperty("type").GetString() == "Action.Execute")
            {
                var data = button.TryGetProperty("data", out var d) ? d : JsonSerializer.SerializeToElement(new { });
                answer = CardTexts.Of(await Bot.InvokeCardAsync(user.Execute(button.GetProperty("verb").GetString()!, data)));
            }
            else
            {
                // An imBack button: Teams posts its value as the person's own message.
                var command = button.GetProperty("data").GetProperty("msteams").GetProperty("value").GetString()!;
                var before = Connector.ActivitiesIn(user.ConversationId).Count;
                await Bot.SendAsync(user.Message(command));
                await Connector.WaitUntilAsync(c => c.ActivitiesIn(user.ConversationId).Count > before);
                answer = Connector.ActivitiesIn(user.ConversationId)[before].CardText;
            }

            Assert.False(string.IsNullOrWhiteSpace(answer), title);
            Assert.DoesNotContain("Not available to you", answer, StringComparison.Ordinal);
            Assert.DoesNotContain("out of date", answer, StringComparison.Ordinal);
            Assert.DoesNotContain("didn't catch that", answer, StringComparison.Ordinal);
        }

        Assert.Empty(Connector.CardSchemaErrors);
    }

    [Theory]
    [InlineData("p12", "hr")]
    [InlineData("p01", "executive")]
    [InlineData("p13", "manager")]
    public async Task The_help_cards_of_each_role_are_in_the_catalog(string personId, string role)
    {
        var person = (await Bot.Service<DialogueBot.Org.OrgDirectory>().GetAsync()).FindById(personId)!;

        var card = await Bot.Service<DialogueBot.Help.HelpCard>().BuildAsync(new DialogueBot.Org.Caller(person.AadObjectId!, person), CancellationToken.None);

        CardCatalog.Save("core-help-buttons-" + role, card);
    }

    [Fact]
    public async Task An_imBack_button_posted_as_submit_data_is_read_as_the_typed_command()
    {
        // The Agents Playground posts the button's data instead of its text, as Teams would.
        var alex = DemoUsers.Alex(Connector.ServiceUrl);

        await Bot.SendAsync(alex.Submit(new { msteams = new { type = "imBack", value = "questions" } }));

        var answer = await Connector.WaitForAsync(a => a.ConversationId == alex.ConversationId && a.Cards.Any());
        Assert.Contains("Q3 company town hall", answer.CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manager_gets_no_button_for_HR_or_executive_tasks()
    {
        var help = await Bot.InvokeCardAsync(User("p13").Execute("help.show"));

        var titles = Buttons(help).Select(b => b.GetProperty("title").GetString()).ToList();
        Assert.DoesNotContain("Start a pulse", titles);
        Assert.DoesNotContain("See results", titles);
        Assert.DoesNotContain("New programme", titles);
    }

    private static IEnumerable<JsonElement> Buttons(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("type", out var type) && type.GetString() is "Action.Execute" or "Action.Submit")
            {
                yield return element;
            }

            foreach (var property in element.EnumerateObject())
            {
                foreach (var found in Buttons(property.Value))
                {
                    yield return found;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                foreach (var found in Buttons(item))
                {
                    yield return found;
                }
            }
        }
    }
}

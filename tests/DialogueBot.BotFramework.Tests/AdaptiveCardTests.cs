using System.Text.Json;
using DialogueBot.BotFramework.Cards;
using DialogueBot.BotFramework.Schema;
using DialogueBot.Testing;

namespace DialogueBot.BotFramework.Tests;

public class AdaptiveCardTests
{
    /// <summary>A card that uses every element, input and action the builder offers.</summary>
    private static AdaptiveCard EverythingCard() => new()
    {
        FallbackText = "Everything",
        Teams = new TeamsCardProperties { Width = "Full" },
        Refresh = new Refresh(new ExecuteAction("Refresh", "x.refresh", new { id = 1 })) { UserIds = ["29:abc"] },
        Body =
        [
            new TextBlock("Title") { Size = FontSize.ExtraLarge, Weight = FontWeight.Bolder, Color = TextColor.Accent, Style = TextBlockStyle.Heading, HorizontalAlignment = HorizontalAlignment.Center },
            new RichTextBlock { Inlines = [new TextRun("plain *not markdown*") { Italic = true, IsSubtle = true }] },
            new FactSet { Facts = [new Fact("Closes", "Friday"), new Fact("Questions", "3")] },
            new ColumnSet
            {
                Columns =
                [
                    new Column { Width = "auto", Items = [new Image("https://example.com/a.png") { Size = ImageSize.Small, Style = ImageStyle.Person, AltText = "a" }] },
                    new Column { Width = "stretch", VerticalContentAlignment = VerticalAlignment.Center, Items = [new TextBlock("Right")] },
                ],
            },
            new Container { Style = ContainerStyle.Emphasis, Bleed = true, Items = [new TextBlock("Inside")] },
            new InputText { Id = "t", Label = "Text", IsMultiline = true, MaxLength = 1000, Placeholder = "Say it", IsRequired = true, ErrorMessage = "Needed" },
            new InputChoiceSet { Id = "c", Label = "Choice", Style = ChoiceInputStyle.Expanded, Choices = [new Choice("One", "1"), new Choice("Two", "2")], IsMultiSelect = true },
            new InputNumber { Id = "n", Label = "Number", Min = 0, Max = 10 },
            new InputDate { Id = "d", Label = "Date", Min = "2026-01-01", Value = "2026-11-23" },
            new InputToggle { Id = "g", Title = "Anonymous", Value = "true", ValueOn = "true", ValueOff = "false" },
            new ActionSet { Actions = [new OpenUrlAction("Docs", "https://example.com/docs")] },
        ],
        Actions =
        [
            new ExecuteAction("Send", "x.send", new { id = 1 }) { Style = ActionStyle.Positive },
            new SubmitAction("Submit", new { verb = "x.submit" }),
            new ShowCardAction("More", new NestedCard { Body = [new InputText { Id = "why", Label = "Why?" }], Actions = [new ExecuteAction("Go", "x.go")] }),
            new ToggleVisibilityAction { Title = "Toggle", TargetElements = ["t"] },
        ],
    };

    [Fact]
    public void Every_builder_element_produces_JSON_that_validates_against_the_1_5_schema()
    {
        var json = BotJson.Serialize(EverythingCard());

        CardSchema.AssertValid(json, "EverythingCard");
    }

    [Fact]
    public void The_type_discriminator_is_written_first_and_version_is_1_5()
    {
        using var doc = JsonDocument.Parse(BotJson.Serialize(EverythingCard()));
        var root = doc.RootElement;

        Assert.Equal("type", root.EnumerateObject().First().Name);
        Assert.Equal("AdaptiveCard", root.GetProperty("type").GetString());
        Assert.Equal("1.5", root.GetProperty("version").GetString());
        Assert.Equal("type", root.GetProperty("body")[0].EnumerateObject().First().Name);
        Assert.Equal("Action.Execute", root.GetProperty("actions")[0].GetProperty("type").GetString());
        Assert.Equal("extraLarge", root.GetProperty("body")[0].GetProperty("size").GetString());
    }

    [Fact]
    public void The_schema_check_catches_a_broken_card()
    {
        Assert.NotEmpty(CardSchema.Validate("""{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"x","size":"huge"}]}"""));
        Assert.NotEmpty(CardSchema.Validate("""{"type":"AdaptiveCard","version":"1.5","body":[],"unknownRoot":1}"""));
        Assert.NotEmpty(CardSchema.Validate("""{"type":"AdaptiveCard","version":"1.6","body":[]}"""));
    }

    [Fact]
    public void A_card_becomes_an_attachment_and_an_invoke_response()
    {
        var card = new AdaptiveCard { Body = [new TextBlock("x")] };

        var attachment = card.ToAttachment();
        var response = card.ToInvokeResponse();

        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.ContentType);
        Assert.Equal(200, response.Status);
        using var body = JsonDocument.Parse(BotJson.Serialize(response.Body));
        Assert.Equal(200, body.RootElement.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body.RootElement.GetProperty("type").GetString());
        Assert.Equal("AdaptiveCard", body.RootElement.GetProperty("value").GetProperty("type").GetString());
    }
}

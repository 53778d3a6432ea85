using System.Text.Json.Serialization;

namespace DialogueBot.BotFramework.Cards;

/// <summary>Any element of a card body. The <c>type</c> discriminator is written first, as the schema names it.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TextBlock), "TextBlock")]
[JsonDerivedType(typeof(FactSet), "FactSet")]
[JsonDerivedType(typeof(ColumnSet), "ColumnSet")]
[JsonDerivedType(typeof(Container), "Container")]
[JsonDerivedType(typeof(Image), "Image")]
[JsonDerivedType(typeof(ActionSet), "ActionSet")]
[JsonDerivedType(typeof(RichTextBlock), "RichTextBlock")]
[JsonDerivedType(typeof(InputText), "Input.Text")]
[JsonDerivedType(typeof(InputChoiceSet), "Input.ChoiceSet")]
[JsonDerivedType(typeof(InputNumber), "Input.Number")]
[JsonDerivedType(typeof(InputDate), "Input.Date")]
[JsonDerivedType(typeof(InputToggle), "Input.Toggle")]
public abstract class CardElement
{
    public string? Id { get; set; }
    public Spacing? Spacing { get; set; }
    public bool? Separator { get; set; }
    public bool? IsVisible { get; set; }
}

public sealed class TextBlock : CardElement
{
    public TextBlock() { }

    public TextBlock(string text) => Text = text;

    public string Text { get; set; } = "";
    public bool? Wrap { get; set; } = true;
    public FontSize? Size { get; set; }
    public FontWeight? Weight { get; set; }
    public TextColor? Color { get; set; }
    public FontType? FontType { get; set; }
    public bool? IsSubtle { get; set; }
    public int? MaxLines { get; set; }
    public HorizontalAlignment? HorizontalAlignment { get; set; }
    public TextBlockStyle? Style { get; set; }
}

public sealed class FactSet : CardElement
{
    public IList<Fact> Facts { get; set; } = [];
}

public sealed record Fact(string Title, string Value);

public sealed class ColumnSet : CardElement
{
    public IList<Column> Columns { get; set; } = [];
    public ContainerStyle? Style { get; set; }
    public CardAction? SelectAction { get; set; }
}

/// <summary>A column of a <see cref="ColumnSet"/>. Not a body element on its own, so it carries its own type.</summary>
public sealed class Column
{
    [JsonPropertyOrder(-10)]
    public string Type { get; } = "Column";

    public string? Id { get; set; }
    public IList<CardElement> Items { get; set; } = [];
    /// <summary>"auto", "stretch", a weight such as "2" or pixels such as "50px".</summary>
    public string? Width { get; set; }
    public ContainerStyle? Style { get; set; }
    public VerticalAlignment? VerticalContentAlignment { get; set; }
    public Spacing? Spacing { get; set; }
    public bool? Separator { get; set; }
    public CardAction? SelectAction { get; set; }
}

public sealed class Container : CardElement
{
    public IList<CardElement> Items { get; set; } = [];
    public ContainerStyle? Style { get; set; }
    public bool? Bleed { get; set; }
    public VerticalAlignment? VerticalContentAlignment { get; set; }
    public CardAction? SelectAction { get; set; }
}

public sealed class Image : CardElement
{
    public Image() { }

    public Image(string url) => Url = url;

    public string Url { get; set; } = "";
    public string? AltText { get; set; }
    public ImageSize? Size { get; set; }
    public ImageStyle? Style { get; set; }
    public HorizontalAlignment? HorizontalAlignment { get; set; }
    public string? Width { get; set; }
}

public sealed class ActionSet : CardElement
{
    public IList<CardAction> Actions { get; set; } = [];
}

/// <summary>
/// Text made of runs. Unlike <see cref="TextBlock"/>, a run's text is never read as markdown, which makes
/// it the right element for anything a user typed.
/// </summary>
public sealed class RichTextBlock : CardElement
{
    public IList<TextRun> Inlines { get; set; } = [];
    public HorizontalAlignment? HorizontalAlignment { get; set; }
}

public sealed class TextRun
{
    public TextRun() { }

    public TextRun(string text) => Text = text;

    [JsonPropertyOrder(-10)]
    public string Type { get; } = "TextRun";

    public string Text { get; set; } = "";
    public FontSize? Size { get; set; }
    public FontWeight? Weight { get; set; }
    public TextColor? Color { get; set; }
    public bool? IsSubtle { get; set; }
    public bool? Italic { get; set; }
    public bool? Highlight { get; set; }
}

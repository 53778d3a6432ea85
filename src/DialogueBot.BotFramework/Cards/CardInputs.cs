namespace DialogueBot.BotFramework.Cards;

/// <summary>Common shape of every input: an id (the key in the submitted data), a label, and validation.</summary>
public abstract class CardInput : CardElement
{
    public string? Label { get; set; }
    public bool? IsRequired { get; set; }
    public string? ErrorMessage { get; set; }
}

public sealed class InputText : CardInput
{
    public string? Placeholder { get; set; }
    public string? Value { get; set; }
    public bool? IsMultiline { get; set; }
    public int? MaxLength { get; set; }
    public TextInputStyle? Style { get; set; }
    public string? Regex { get; set; }
}

public sealed class InputChoiceSet : CardInput
{
    public IList<Choice> Choices { get; set; } = [];
    public bool? IsMultiSelect { get; set; }
    public ChoiceInputStyle? Style { get; set; }
    /// <summary>The preselected value; for multi-select, values joined by commas.</summary>
    public string? Value { get; set; }
    public string? Placeholder { get; set; }
    public bool? Wrap { get; set; }
}

public sealed record Choice(string Title, string Value);

public sealed class InputNumber : CardInput
{
    public double? Min { get; set; }
    public double? Max { get; set; }
    public double? Value { get; set; }
    public string? Placeholder { get; set; }
}

public sealed class InputDate : CardInput
{
    /// <summary>ISO 8601 date, yyyy-MM-dd.</summary>
    public string? Value { get; set; }
    public string? Min { get; set; }
    public string? Max { get; set; }
    public string? Placeholder { get; set; }
}

public sealed class InputToggle : CardInput
{
    public string Title { get; set; } = "";
    public string? Value { get; set; }
    public string? ValueOn { get; set; }
    public string? ValueOff { get; set; }
    public bool? Wrap { get; set; }
}

using System.Text.Json;

namespace DialogueBot.Testing.Hostile;

/// <summary>
/// Checks a card the bot produced for text that was injected and not neutralised: markdown or HTML from
/// <see cref="HostilePayloads"/> left live in a markdown-reading field, a live Adaptive Card date function,
/// template bindings (the card must never be a template), control or bidi-override characters, or a link
/// to the attacker's host. Also tells a refusal card (stale, not allowed, problem) from any other.
/// </summary>
public static class CardSafety
{
    // Markup that is live when it reaches a field the renderer reads as markdown (TextBlock.text, facts);
    // TextRun.text inside a RichTextBlock is shown verbatim.
    private static readonly string[] LiveMarkup =
    [
        "**INJbold**", "_INJital_", "[INJlink](", "![INJimg](", "# INJhead", "<b>INJhtml", "<script>", "<img ", "<at>INJmention",
    ];

    public static IReadOnlyList<string> Problems(JsonElement card)
    {
        var problems = new List<string>();
        Walk(card, "$", parentType: null, problems);
        return problems;
    }

    /// <summary>A StatusCards refusal: an attention container (problem, not allowed) or the stale-card notice.</summary>
    public static bool IsRefusal(JsonElement card)
    {
        if (card.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        if (CardTexts.Of(card).Contains("out of date", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return card.TryGetProperty("body", out var body) && body.ValueKind == JsonValueKind.Array && body.GetArrayLength() > 0
            && body[0].TryGetProperty("style", out var style) && style.ValueKind == JsonValueKind.String && style.GetString() == "attention";
    }

    /// <summary>The "something went wrong on our side" card: the bot caught an exception, which a hostile request must never cause.</summary>
    public static bool IsUnexpectedFailure(JsonElement card) =>
        card.ValueKind == JsonValueKind.Object && CardTexts.Of(card).Contains("went wrong on our side", StringComparison.OrdinalIgnoreCase);

    private static void Walk(JsonElement element, string path, string? parentType, List<string> problems)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var type = element.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : parentType;
                foreach (var property in element.EnumerateObject())
                {
                    var at = path + "." + property.Name;
                    if (property.Name.StartsWith('$') && property.Name != "$schema")
                    {
                        problems.Add($"{at}: template binding '{property.Name}' (a card must never be a template)");
                    }

                    if (property.Value.ValueKind == JsonValueKind.String)
                    {
                        CheckString(property.Name, property.Value.GetString()!, at, type, problems);
                    }
                    else
                    {
                        Walk(property.Value, at, type, problems);
                    }
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, $"{path}[{i++}]", parentType, problems);
                }

                break;
        }
    }

    /// <summary>The markup occurs without a backslash escaping its first character.</summary>
    private static bool IsLive(string value, string markup)
    {
        for (var at = value.IndexOf(markup, StringComparison.Ordinal); at >= 0; at = value.IndexOf(markup, at + 1, StringComparison.Ordinal))
        {
            if (at == 0 || value[at - 1] != '\\')
            {
                return true;
            }
        }

        return false;
    }

    private static void CheckString(string name, string value, string path, string? type, List<string> problems)
    {
        if (value.Contains("{{DATE(2031", StringComparison.Ordinal) || value.Contains("{{TIME(2031", StringComparison.Ordinal))
        {
            problems.Add($"{path}: a live Adaptive Card date function from user input");
        }

        if (HostilePayloads.HasControlOrBidi(value))
        {
            problems.Add($"{path}: control or bidi-override characters");
        }

        if (name is "url" or "iconUrl" or "backgroundImage" && (value.Contains(HostilePayloads.EvilHost, StringComparison.OrdinalIgnoreCase) || value.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add($"{path}: a link to an injected address ({value})");
        }

        var readsMarkdown = (type == "TextBlock" && name == "text") || (type == "FactSet" && name is "title" or "value");
        if (readsMarkdown && value.Contains("INJ", StringComparison.Ordinal))
        {
            foreach (var markup in LiveMarkup.Where(m => IsLive(value, m)))
            {
                problems.Add($"{path}: user text with live markup '{markup}' in a {type ?? "card"} field that reads markdown");
            }
        }
    }
}

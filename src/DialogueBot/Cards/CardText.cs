using System.Text;
using DialogueBot.BotFramework.Cards;
using DialogueBot.BotFramework.Routing;

namespace DialogueBot.Cards;

/// <summary>
/// Puts text a person typed onto a card safely: control and bidi characters removed, length capped, shown in a
/// <see cref="RichTextBlock"/> (never parsed as markdown, so no injected links or formatting), and the
/// Adaptive Card date-function marker "{{" defused.
/// </summary>
public static class CardText
{
    /// <summary>A block showing untrusted text exactly as typed.</summary>
    public static RichTextBlock User(string text, int maxLength = 1000, bool subtle = false, bool italic = false) => new()
    {
        Inlines = [new TextRun(Clean(text, maxLength)) { IsSubtle = subtle ? true : null, Italic = italic ? true : null }],
    };

    /// <summary>
    /// <see cref="UserText.Clean(string?)"/> (the same rule the door applies: defence in depth for text that
    /// reached storage before it, or came another way), then trims, caps the length and defuses "{{".
    /// </summary>
    public static string Clean(string? text, int maxLength = 1000)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var cleaned = UserText.Clean(text).Replace("{{", "{\u200B{", StringComparison.Ordinal).Trim();
        return cleaned.Length > maxLength ? cleaned[..maxLength].TrimEnd() + "…" : cleaned;
    }

    /// <summary>Text for a markdown-reading element (TextBlock, FactSet) that came from a person: markdown escaped.</summary>
    public static string Markdown(string? text, int maxLength = 200)
    {
        var cleaned = Clean(text, maxLength).Replace('\n', ' ');
        var builder = new StringBuilder(cleaned.Length + 8);
        foreach (var c in cleaned)
        {
            if (c is '\\' or '*' or '_' or '[' or ']' or '(' or ')' or '#' or '`' or '>' or '~' or '<' or '|')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}

using System.Text;
using DialogueBot.BotFramework.Cards;

namespace DialogueBot.Cards;

/// <summary>
/// Puts text a person typed onto a card safely: control characters removed, length capped, shown in a
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

    /// <summary>Strips control characters (keeping line breaks), trims, caps the length, defuses "{{".</summary>
    public static string Clean(string? text, int maxLength = 1000)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(Math.Min(text.Length, maxLength + 1));
        foreach (var c in text)
        {
            if (c == '\n' || (!char.IsControl(c) && !IsInvisibleFormatting(c)))
            {
                builder.Append(c);
            }
            else if (c == '\t')
            {
                builder.Append(' ');
            }
        }

        var cleaned = builder.ToString().Replace("{{", "{\u200B{", StringComparison.Ordinal).Trim();
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

    // Bidirectional overrides and zero-width joiners can make text read differently from what it is.
    private static bool IsInvisibleFormatting(char c) => c is '\u202A' or '\u202B' or '\u202C' or '\u202D' or '\u202E' or '\u2066' or '\u2067' or '\u2068' or '\u2069';
}

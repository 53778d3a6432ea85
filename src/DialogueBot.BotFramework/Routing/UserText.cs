using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace DialogueBot.BotFramework.Routing;

/// <summary>
/// The one rule for text a person (or a client claiming to be one) sent us. Control characters can hide
/// text in a CSV or a terminal (NUL, BEL, ESC sequences), and bidirectional controls make text read
/// differently from what it is ("gnp.exe" shown as "exe.png"); neither has a place in a comment or a
/// question, so they are removed before anything is stored, shown or exported. Ordinary text, including
/// emoji sequences joined by U+200D, is kept exactly.
/// </summary>
public static class UserText
{
    /// <summary>
    /// Removes C0 controls except line feed (CR LF and a lone CR become LF, a tab becomes a space), DEL, C1
    /// controls, bidi embeddings/overrides/isolates (U+202A–U+202E, U+2066–U+2069), the direction marks
    /// U+200E, U+200F and U+061C, and U+FEFF; the Unicode line and paragraph separators become LF.
    /// Nothing else changes (no trimming, no length cap: callers decide those).
    /// </summary>
    [return: NotNullIfNotNull(nameof(text))]
    public static string? Clean(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var first = IndexOfWork(text);
        if (first < 0)
        {
            return text; // the common case allocates nothing
        }

        var builder = new StringBuilder(text.Length).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\r':
                    builder.Append('\n');
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    break;
                case '\t':
                    builder.Append(' ');
                    break;
                case '\u2028' or '\u2029':
                    builder.Append('\n');
                    break;
                default:
                    if (!IsRemoved(c))
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>True when <see cref="Clean"/> would leave <paramref name="text"/> as it is.</summary>
    public static bool IsClean(string text) => IndexOfWork(text) < 0;

    /// <summary>
    /// The same JSON with every string value and property name cleaned; the element itself when nothing
    /// needs it. Used on card action data so that no reader, however it reads the data, sees raw text.
    /// </summary>
    public static JsonElement Clean(JsonElement element)
    {
        if (element.ValueKind is JsonValueKind.Undefined || IsClean(element))
        {
            return element;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, element);
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }

    private static bool IsClean(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => IsClean(element.GetString()!),
        JsonValueKind.Object => element.EnumerateObject().All(p => IsClean(p.Name) && IsClean(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().All(IsClean),
        _ => true,
    };

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                writer.WriteStringValue(Clean(element.GetString()));
                break;
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(Clean(property.Name));
                    Write(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    private static int IndexOfWork(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\r' or '\t' or '\u2028' or '\u2029' || IsRemoved(c))
            {
                return i;
            }
        }

        return -1;
    }

    // C0 (but LF) and DEL..C1; the bidi controls; the direction marks; the byte-order mark / zero-width no-break space.
    private static bool IsRemoved(char c) =>
        (c < '\u0020' && c != '\n')
        || c is >= '\u007F' and <= '\u009F'
        || c is >= '\u202A' and <= '\u202E'
        || c is >= '\u2066' and <= '\u2069'
        || c is '\u200E' or '\u200F' or '\u061C' or '\uFEFF';
}

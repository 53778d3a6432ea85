using System.Text.Json;
using System.Text.Unicode;
using DialogueBot.BotFramework.Schema;

namespace DialogueBot.BotFramework.Hosting;

/// <summary>
/// Finds text no string can hold: an escaped lone UTF-16 surrogate (<c>"\ud800"</c>) or invalid UTF-8 bytes.
/// System.Text.Json parses such a document happily and only throws when a handler later reads the string
/// from <c>value</c>, deep inside a feature; refusing the activity at the door keeps every handler safe.
/// </summary>
public static class JsonTextGuard
{
    /// <summary>True when every string and property name in <paramref name="json"/> is valid text (the JSON itself is not checked here).</summary>
    public static bool HasOnlyValidText(ReadOnlySpan<byte> json)
    {
        // The common case in one vectorised pass instead of a second tokenising read before the deserializer's:
        // every string is a slice of the body between ASCII quotes, so a body that is valid UTF-8 throughout
        // holds only valid UTF-8 strings, and without a \u escape no string can spell a lone surrogate.
        if (Utf8.IsValid(json) && json.IndexOf("\\u"u8) < 0)
        {
            return true;
        }

        // A span, not a sequence: ValueSpan always holds the whole token.
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = BotJson.MaxDepth });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName))
                {
                    continue;
                }

                if (reader.ValueIsEscaped)
                {
                    _ = reader.GetString(); // throws on a lone surrogate escape
                }
                else if (!Utf8.IsValid(reader.ValueSpan))
                {
                    return false;
                }
            }
        }
        catch (InvalidOperationException)
        {
            return false;
        }
        catch (JsonException)
        {
            return true; // malformed JSON is the deserializer's to report, with its own message
        }

        return true;
    }
}

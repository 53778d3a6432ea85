using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DialogueBot.BotFramework.Schema;

/// <summary>
/// The one set of JSON options for everything on the wire: camelCase names, nulls omitted, enums as
/// camelCase strings, a bounded depth so a hostile deeply nested body fails fast with a JsonException.
/// </summary>
public static class BotJson
{
    /// <summary>Deep enough for any real activity or card, shallow enough to refuse a nesting attack.</summary>
    public const int MaxDepth = 32;

    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            MaxDepth = MaxDepth,
            // Cards carry user text: keep it readable on the wire and in logs; the HTML-sensitive
            // characters are still escaped by the default encoder rules we relax only for non-ASCII.
            Encoder = JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options);

    public static T? Deserialize<T>(JsonElement element) => element.Deserialize<T>(Options);
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace DialogueBot.BotFramework.Routing;

/// <summary>
/// A card action's data read as one typed record (one record per verb, written by the card builder and read
/// here), or the reason it could not be: the field that is missing or not valid, by its wire name.
/// </summary>
public readonly record struct CardData<T>(T? Value, string? Error)
    where T : class
{
    public bool IsValid => Error is null && Value is not null;

    public static CardData<T> Of(T value) => new(value, null);

    public static CardData<T> Fail(string error) => new(null, error);
}

/// <summary>
/// The JSON rules for card action data. Inputs arrive as strings ("3", "true"), so numbers and booleans are
/// read from strings too; enums only by member name (never "7"); a constructor parameter without a default
/// is required and a non-nullable reference may not be null, so a half-filled or forged payload fails
/// with the field named instead of reaching a handler with a null.
/// </summary>
public static class CardDataJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            MaxDepth = Schema.BotJson.MaxDepth,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Converters.Add(new LenientBooleanConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Reads <paramref name="data"/> as <typeparamref name="T"/>; the error names the first field at fault.</summary>
    public static CardData<T> Read<T>(JsonElement data)
        where T : class
    {
        if (data.ValueKind != JsonValueKind.Object)
        {
            return CardData<T>.Fail("The card sent no data.");
        }

        try
        {
            var value = data.Deserialize<T>(Options);
            return value is null ? CardData<T>.Fail("The card sent no data.") : CardData<T>.Of(value);
        }
        catch (JsonException ex)
        {
            return CardData<T>.Fail(Describe<T>(data, ex));
        }
    }

    private static string Describe<T>(JsonElement data, JsonException ex)
    {
        var field = ex.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
        if (field is not null)
        {
            return $"The field '{field}' is not valid.";
        }

        var missing = RequiredNames(typeof(T)).FirstOrDefault(name => !HasProperty(data, name));
        return missing is not null ? $"The field '{missing}' is missing." : "The card's data is not valid.";
    }

    private static IEnumerable<string> RequiredNames(Type type)
    {
        var info = Options.GetTypeInfo(type);
        foreach (var property in info.Properties)
        {
            if (property.IsRequired || property.AssociatedParameter is { HasDefaultValue: false })
            {
                yield return property.Name;
            }
        }
    }

    private static bool HasProperty(JsonElement data, string name)
    {
        foreach (var p in data.EnumerateObject())
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind != JsonValueKind.Null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>JSON true/false, or the strings "true"/"false" that Input.Toggle sends; anything else is refused.</summary>
    private sealed class LenientBooleanConverter : JsonConverter<bool>
    {
        public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            JsonTokenType.String when string.Equals(reader.GetString(), "true", StringComparison.OrdinalIgnoreCase) => true,
            JsonTokenType.String when string.Equals(reader.GetString(), "false", StringComparison.OrdinalIgnoreCase) => false,
            _ => throw new JsonException("Not a boolean."),
        };

        public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) => writer.WriteBooleanValue(value);
    }
}

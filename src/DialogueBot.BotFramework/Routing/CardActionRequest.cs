using System.Text.Json;
using DialogueBot.BotFramework.Schema;

namespace DialogueBot.BotFramework.Routing;

/// <summary>
/// A card button press, whichever way it came: an <c>adaptiveCard/action</c> invoke (Action.Execute, or a
/// refresh Teams started) or a message whose <c>value</c> is Action.Submit data carrying a <c>verb</c>.
/// The data is cleaned at the door (<see cref="UserText.Clean(JsonElement)"/>): no handler, whichever way
/// it reads the data, sees control or bidi characters.
/// </summary>
public sealed record CardActionRequest(string Verb, JsonElement Data, bool IsInvoke, bool IsRefresh)
{
    /// <summary>The key that names the verb in Action.Submit data.</summary>
    public const string SubmitVerbKey = "verb";

    public static CardActionRequest? From(Activity activity)
    {
        if (activity.Type == ActivityTypes.Invoke && activity.Name == InvokeNames.AdaptiveCardAction && activity.Value is { } invoke)
        {
            if (invoke.ValueKind != JsonValueKind.Object || !invoke.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var verb = action.TryGetProperty("verb", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var data = action.TryGetProperty("data", out var d) ? UserText.Clean(d) : default;
            var refresh = invoke.TryGetProperty("trigger", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "automatic";
            return string.IsNullOrEmpty(verb) ? null : new CardActionRequest(verb, data, IsInvoke: true, refresh);
        }

        if (activity.Type == ActivityTypes.Message && activity.Value is { ValueKind: JsonValueKind.Object } value
            && value.TryGetProperty(SubmitVerbKey, out var submitVerb) && submitVerb.ValueKind == JsonValueKind.String)
        {
            var verb = submitVerb.GetString();
            return string.IsNullOrEmpty(verb) ? null : new CardActionRequest(verb, UserText.Clean(value), IsInvoke: false, IsRefresh: false);
        }

        return null;
    }

    /// <summary>
    /// The data as the verb's typed record (camelCase wire names). The strings in it are already cleaned at
    /// the door; a missing or malformed field comes back as an error naming it, for a "problem" card.
    /// </summary>
    public CardData<T> DataAs<T>()
        where T : class => CardDataJson.Read<T>(Data);

    /// <summary>A string field of the data, cleaned (also when the request was built by hand), or null when absent or not a string.</summary>
    public string? GetString(string name) =>
        Data.ValueKind == JsonValueKind.Object && Data.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? UserText.Clean(p.GetString()) : null;

    /// <summary>
    /// A true/false field, strictly: JSON true/false, or the strings "true"/"false" that Input.Toggle sends.
    /// Anything else ("maybe", 1, an object) is <see cref="CardFieldState.Invalid"/>, so a caller can refuse
    /// it instead of mistaking it for absent and applying a default. JSON null counts as absent.
    /// </summary>
    public CardField<bool> GetBoolean(string name)
    {
        if (!TryGet(name, out var p))
        {
            return CardField<bool>.Missing;
        }

        return p.ValueKind switch
        {
            JsonValueKind.True => CardField<bool>.Of(true),
            JsonValueKind.False => CardField<bool>.Of(false),
            JsonValueKind.String when string.Equals(p.GetString(), "true", StringComparison.OrdinalIgnoreCase) => CardField<bool>.Of(true),
            JsonValueKind.String when string.Equals(p.GetString(), "false", StringComparison.OrdinalIgnoreCase) => CardField<bool>.Of(false),
            _ => CardField<bool>.Invalid,
        };
    }

    /// <summary>
    /// An enum field, strictly: a string naming one of <typeparamref name="TEnum"/>'s members (any case).
    /// Numbers and numeric strings are <see cref="CardFieldState.Invalid"/>: Enum.Parse would accept "7" as a
    /// member that does not exist.
    /// </summary>
    public CardField<TEnum> GetEnum<TEnum>(string name)
        where TEnum : struct, Enum
    {
        if (!TryGet(name, out var p))
        {
            return CardField<TEnum>.Missing;
        }

        var text = p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        return text is not null && Enum.GetNames<TEnum>().FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase)) is { } member
            ? CardField<TEnum>.Of(Enum.Parse<TEnum>(member))
            : CardField<TEnum>.Invalid;
    }

    private bool TryGet(string name, out JsonElement value)
    {
        value = default;
        return Data.ValueKind == JsonValueKind.Object && Data.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
    }

    /// <summary>An integer field of the data (numbers, or strings holding one, as inputs send), or null.</summary>
    public long? GetInt64(string name)
    {
        if (Data.ValueKind != JsonValueKind.Object || !Data.TryGetProperty(name, out var p))
        {
            return null;
        }

        return p.ValueKind switch
        {
            JsonValueKind.Number when p.TryGetInt64(out var n) => n,
            JsonValueKind.String when long.TryParse(p.GetString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) => n,
            _ => null,
        };
    }
}

/// <summary>Whether a card data field was absent, held a valid value, or held something else.</summary>
public enum CardFieldState
{
    Missing,
    Valid,
    Invalid,
}

/// <summary>A typed card data field that keeps "absent" and "not valid" apart.</summary>
public readonly record struct CardField<T>(CardFieldState State, T Value)
    where T : struct
{
    public static CardField<T> Missing => new(CardFieldState.Missing, default);

    public static CardField<T> Invalid => new(CardFieldState.Invalid, default);

    public bool IsInvalid => State == CardFieldState.Invalid;

    /// <summary>The value, or null when the field was absent or not valid.</summary>
    public T? OrNull => State == CardFieldState.Valid ? Value : null;

    public static CardField<T> Of(T value) => new(CardFieldState.Valid, value);
}

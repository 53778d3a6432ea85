using System.Text.Json;
using System.Text.Json.Serialization;
using DialogueBot.BotFramework.Routing;

namespace DialogueBot.Infrastructure.Api;

/// <summary>
/// Cleans every string of an API JSON body as it is read (<see cref="UserText.Clean(string?)"/>), so an
/// endpoint never sees, stores or exports a control or bidi character, whichever field it came in.
/// Registered in the HTTP JSON options; writing is left as it is (what we write was cleaned on the way in).
/// </summary>
public sealed class UserTextJsonConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? UserText.Clean(reader.GetString())
            : throw new JsonException($"Expected a string, found {reader.TokenType}.");

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    // Dictionary keys (for example answers keyed by question id) are user text too.
    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        UserText.Clean(reader.GetString()) ?? "";

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);
}

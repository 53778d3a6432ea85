using System.Text.Json;
using System.Text.Json.Nodes;
using NJsonSchema;

namespace DialogueBot.Testing;

/// <summary>
/// Validates Adaptive Cards against the official 1.5 schema. Teams' root property <c>msteams</c> is the one
/// exception the schema does not know; it is allowed at the root and nowhere else.
/// </summary>
public static class CardSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "schemas", "adaptive-card-1.5.json")).GetAwaiter().GetResult());

    /// <summary>Schema errors of the card (empty when valid).</summary>
    public static IReadOnlyList<string> Validate(string cardJson)
    {
        var node = JsonNode.Parse(cardJson) as JsonObject ?? throw new JsonException("A card must be a JSON object.");
        var errors = new List<string>();
        if (node.TryGetPropertyValue("msteams", out var teams))
        {
            if (teams is not JsonObject)
            {
                errors.Add("msteams: must be an object");
            }

            node.Remove("msteams");
        }

        if (node["version"]?.GetValue<string>() is { } version && Version.TryParse(version, out var v) && v > new Version(1, 5))
        {
            errors.Add($"version: {version} is above 1.5, the highest Teams renders");
        }

        errors.AddRange(Schema.Value.Validate(node.ToJsonString()).Select(e => $"{e.Path}: {e.Kind}"));
        return errors;
    }

    public static IReadOnlyList<string> Validate(JsonElement card) => Validate(card.GetRawText());

    /// <summary>Throws with every error when the card is invalid.</summary>
    public static void AssertValid(string cardJson, string? what = null)
    {
        var errors = Validate(cardJson);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"Card {what} does not validate against Adaptive Card 1.5:\n  " + string.Join("\n  ", errors) + "\n" + cardJson);
        }
    }

    /// <summary>All adaptive cards attached to an activity (JSON).</summary>
    public static IEnumerable<JsonElement> CardsOf(JsonElement activity)
    {
        if (activity.TryGetProperty("attachments", out var attachments) && attachments.ValueKind == JsonValueKind.Array)
        {
            foreach (var attachment in attachments.EnumerateArray())
            {
                if (attachment.TryGetProperty("contentType", out var type) && type.GetString() == "application/vnd.microsoft.card.adaptive"
                    && attachment.TryGetProperty("content", out var content))
                {
                    yield return content;
                }
            }
        }
    }
}

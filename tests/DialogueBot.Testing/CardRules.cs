using System.Text.Json;

namespace DialogueBot.Testing;

/// <summary>
/// What every card must be for the people who get it, beyond the schema: spoken (a non-empty <c>speak</c>, for
/// screen readers and voice), every image described (<c>altText</c>), and written for people, not developers
/// (no API path such as "/api/pulses": nobody in Teams can do anything with it).
/// </summary>
public static class CardRules
{
    public static IReadOnlyList<string> Problems(string json)
    {
        var problems = new List<string>();
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (!root.TryGetProperty("speak", out var speak) || speak.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(speak.GetString()))
        {
            problems.Add("the card has no speak text");
        }

        Walk(root, "$", problems);
        return problems;
    }

    public static void AssertReadyForPeople(string json, string name)
    {
        var problems = Problems(json);
        if (problems.Count > 0)
        {
            throw new Xunit.Sdk.XunitException($"Card '{name}' is not ready for people: {string.Join("; ", problems)}");
        }
    }

    private static void Walk(JsonElement element, string path, List<string> problems)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                if (element.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "Image"
                    && (!element.TryGetProperty("altText", out var alt) || string.IsNullOrWhiteSpace(alt.GetString())))
                {
                    problems.Add($"the image at {path} has no altText");
                }

                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, path + "." + property.Name, problems);
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, $"{path}[{i++}]", problems);
                }

                break;
            case JsonValueKind.String when element.GetString()!.Contains("/api/", StringComparison.OrdinalIgnoreCase):
                problems.Add($"{path} names an API path: \"{Short(element.GetString()!)}\"");
                break;
        }
    }

    private static string Short(string text) => text.Length > 80 ? text[..80] + "…" : text;
}

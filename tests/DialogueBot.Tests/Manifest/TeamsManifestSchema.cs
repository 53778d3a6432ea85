using System.Text.Json.Nodes;
using NJsonSchema;
using NJsonSchema.Validation;

namespace DialogueBot.Tests.Manifest;

/// <summary>
/// The official Teams manifest schema 1.22 (vendored in tests/schemas, see SOURCES.md), read offline: every
/// <c>$ref</c> in it points inside the file, and nothing is fetched (a manifest's own <c>$schema</c> URL is
/// only data to the validator).
/// </summary>
public static class TeamsManifestSchema
{
    public const string FileName = "MicrosoftTeams.schema.1.22.json";

    private static readonly Lazy<JsonSchema> Schema = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "schemas", FileName);
        var json = File.ReadAllText(path);
        var external = System.Text.RegularExpressions.Regex.Matches(json, "\"\\$ref\"\\s*:\\s*\"(?!#)[^\"]*\"");
        if (external.Count > 0)
        {
            throw new InvalidOperationException($"{FileName} has references outside itself ({external[0].Value}): vendor them too, tests run offline.");
        }

        return JsonSchema.FromJsonAsync(ConstAsEnum(JsonNode.Parse(json)!).ToJsonString(), path).GetAwaiter().GetResult();
    });

    /// <summary>
    /// The file says draft-04 but uses <c>const</c> (from draft-06) for <c>manifestVersion</c>; a draft-04
    /// validator skips it silently. <c>"const": x</c> means exactly <c>"enum": [x]</c>, which draft-04 has.
    /// </summary>
    private static JsonNode ConstAsEnum(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["const"] is { } value && obj["enum"] is null)
                {
                    obj.Remove("const");
                    obj["enum"] = new JsonArray(value);
                }

                foreach (var (name, child) in obj.ToList())
                {
                    if (child is not null)
                    {
                        ConstAsEnum(child);
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (child is not null)
                    {
                        ConstAsEnum(child);
                    }
                }

                break;
        }

        return node;
    }

    /// <summary>Every schema error, as "path: kind", empty when the manifest is valid.</summary>
    public static IReadOnlyList<string> Validate(string manifestJson) =>
        Flatten(Schema.Value.Validate(manifestJson)).ToList();

    public static IReadOnlyList<string> Validate(JsonNode manifest) => Validate(manifest.ToJsonString());

    private static IEnumerable<string> Flatten(IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            if (error is ChildSchemaValidationError child && child.Errors.Count > 0)
            {
                foreach (var inner in Flatten(child.Errors.SelectMany(e => e.Value)))
                {
                    yield return inner;
                }
            }

            yield return $"{error.Path}: {error.Kind}";
        }
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using DialogueBot.Pulse.Model;

namespace DialogueBot.Pulse.Definitions;

/// <summary>
/// The stored row of a <see cref="PulseDefinition"/>: questions and audience as JSON, parsed once per read by
/// <see cref="ToDefinition"/> (only <see cref="PulseDefinitionRepository"/> maps it).
/// </summary>
public sealed class PulseDefinitionEntity : ITableEntity
{
    public const string Partition = "pulse";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Title { get; set; } = "";
    public string Questions { get; set; } = "[]";
    public string Audience { get; set; } = "{}";
    public string? Recurrence { get; set; }
    /// <summary>How long each run stays open.</summary>
    public long OpenTicks { get; set; }
    public DateTimeOffset FirstOpensAt { get; set; }

    public PulseDefinition ToDefinition() => new(
        RowKey,
        Title,
        JsonSerializer.Deserialize<List<PulseQuestion>>(Questions, Json) ?? [],
        JsonSerializer.Deserialize<PulseAudience>(Audience, Json) ?? PulseAudience.Everyone,
        Recurrence,
        TimeSpan.FromTicks(OpenTicks),
        FirstOpensAt);

    public static PulseDefinitionEntity From(PulseDefinition definition) => new()
    {
        RowKey = definition.Id,
        Title = definition.Title,
        Questions = JsonSerializer.Serialize(definition.Questions, Json),
        Audience = JsonSerializer.Serialize(definition.Audience, Json),
        Recurrence = definition.Recurrence,
        OpenTicks = definition.OpenFor.Ticks,
        FirstOpensAt = definition.FirstOpensAt,
    };
}

using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using DialogueBot.Pulse.Model;

namespace DialogueBot.Pulse.Definitions;

/// <summary>A pulse as defined: title, questions, audience, schedule. Holds no identity (not even the creator's).</summary>
public sealed class PulseDefinitionEntity : ITableEntity
{
    public const string Partition = "pulse";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

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

    [System.Runtime.Serialization.IgnoreDataMember]
    public string Id => RowKey;

    [System.Runtime.Serialization.IgnoreDataMember]
    public IReadOnlyList<PulseQuestion> QuestionList => JsonSerializer.Deserialize<List<PulseQuestion>>(Questions, Json) ?? [];

    [System.Runtime.Serialization.IgnoreDataMember]
    public PulseAudience AudienceValue => JsonSerializer.Deserialize<PulseAudience>(Audience, Json) ?? PulseAudience.Everyone;

    [System.Runtime.Serialization.IgnoreDataMember]
    public TimeSpan OpenFor => TimeSpan.FromTicks(OpenTicks);

    public static PulseDefinitionEntity From(string id, ValidPulse pulse) => new()
    {
        RowKey = id,
        Title = pulse.Title,
        Questions = JsonSerializer.Serialize(pulse.Questions, Json),
        Audience = JsonSerializer.Serialize(pulse.Audience, Json),
        Recurrence = pulse.Recurrence,
        OpenTicks = (pulse.ClosesAt - pulse.OpensAt).Ticks,
        FirstOpensAt = pulse.OpensAt,
    };
}

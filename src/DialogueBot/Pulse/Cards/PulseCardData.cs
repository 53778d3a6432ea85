using System.Text.Json;
using System.Text.Json.Serialization;

namespace DialogueBot.Pulse.Cards;

// One record per pulse verb: the card builder writes it as the action's data, the route reads it back with
// DataAs<T>(), so a field renamed on one side cannot be missed on the other. Wire names are camelCase.

/// <summary>pulse.answer: the run, the card's version, and the answer inputs (q1…q10) the card merges in.</summary>
public sealed record PulseAnswerData(string RunId, int? V = null)
{
    /// <summary>The inputs of the card, by question id, as the client sent them (checked by AnswerValidator).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Inputs { get; init; }
}

/// <summary>pulse.refresh: the run, the card's version, and 1 in <c>r</c> on a reminder card.</summary>
public sealed record PulseRefreshData(string RunId, int? V = null, int? R = null)
{
    [JsonIgnore]
    public bool Reminder => R == 1;
}

/// <summary>pulse.results: a pulse, optionally one of its runs and a filter (a cohort key such as "unit:Engineering").</summary>
public sealed record PulseResultsData(string PulseId, string? RunId = null, string? Filter = null);

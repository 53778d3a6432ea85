using System.Text;

namespace DialogueBot.Testing.Hostile;

/// <summary>
/// One hostile or malformed POST to /api/messages. <see cref="MustBeRefused"/> marks requests that are
/// structurally unacceptable (not JSON, too big, too deep): those must get a 4xx. Every other one may get a
/// 4xx or a polite 200, but never a 5xx.
/// </summary>
public sealed record HostileRequest(string Category, string Name, byte[] Body, string? ContentType = "application/json", bool Chunked = false, bool MustBeRefused = false)
{
    public static HostileRequest Json(string category, string name, string body, bool mustBeRefused = false) =>
        new(category, name, Encoding.UTF8.GetBytes(body.Replace(HostilePayloads.LoneSurrogates, "\\ud800 \\udfff", StringComparison.Ordinal)), MustBeRefused: mustBeRefused);

    public override string ToString() => $"[{Category}] {Name}";
}

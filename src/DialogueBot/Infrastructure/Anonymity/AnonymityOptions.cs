namespace DialogueBot.Infrastructure.Anonymity;

/// <summary>The anonymity settings. Bound from "Anonymity". See docs/anonymity.md.</summary>
public sealed class AnonymityOptions
{
    public const string SectionName = "Anonymity";

    /// <summary>The smallest threshold anyone may configure: below 3, "a group" is one person and a friend.</summary>
    public const int AbsoluteMinimumGroupSize = 3;

    /// <summary>
    /// The secret key (base64, at least 32 bytes) behind every keyed hash of a user id. In Azure it comes
    /// from Key Vault. Whoever holds it and the tables can tell *whether* someone answered, never *what*.
    /// </summary>
    public string? HmacKey { get; set; }

    /// <summary>Results and comments of a group smaller than this are never shown (default 5, never below 3).</summary>
    public int MinimumGroupSize { get; set; } = 5;
}

namespace DialogueBot.Demo;

/// <summary>The demo that `make run` shows. Bound from "Demo". Off unless set.</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    /// <summary>Seed the demo org (and each feature's demo content) into empty storage at start.</summary>
    public bool Enabled { get; set; }
}

/// <summary>A feature's demo content, seeded after the demo org when the demo is on.</summary>
public interface IDemoSeed
{
    Task SeedAsync(CancellationToken cancellationToken);
}

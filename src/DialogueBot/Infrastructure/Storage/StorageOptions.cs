namespace DialogueBot.Infrastructure.Storage;

/// <summary>Where the tables and queues live. Bound from "Storage".</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>
    /// A storage connection string: <c>UseDevelopmentStorage=true</c> for Azurite on its default ports, or
    /// an explicit one. When empty, <see cref="TableServiceUri"/> and <see cref="QueueServiceUri"/> are
    /// used with <c>DefaultAzureCredential</c> (the web app's managed identity in Azure: no keys).
    /// </summary>
    public string? ConnectionString { get; set; }

    public Uri? TableServiceUri { get; set; }

    public Uri? QueueServiceUri { get; set; }

    /// <summary>
    /// Prefix for every table and queue name, so that several environments (or test runs) can share one
    /// account without seeing each other's data. Letters and digits only.
    /// </summary>
    public string Prefix { get; set; } = "";
}

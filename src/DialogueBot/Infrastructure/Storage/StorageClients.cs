using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace DialogueBot.Infrastructure.Storage;

/// <summary>The two service clients, built once from <see cref="StorageOptions"/>.</summary>
public sealed class StorageClients
{
    public StorageClients(IOptions<StorageOptions> options, IEnumerable<StoragePipelinePolicy> policies)
    {
        var o = options.Value;
        var tableOptions = new TableClientOptions();
        ConfigureRetry(tableOptions.Retry);
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        ConfigureRetry(queueOptions.Retry);
        foreach (var policy in policies)
        {
            // Per retry: a policy sees every request as it goes on the wire (what a storage log would record).
            tableOptions.AddPolicy(policy.Policy, HttpPipelinePosition.PerRetry);
            queueOptions.AddPolicy(policy.Policy, HttpPipelinePosition.PerRetry);
        }

        if (!string.IsNullOrWhiteSpace(o.ConnectionString))
        {
            Tables = new TableServiceClient(o.ConnectionString, tableOptions);
            Queues = new QueueServiceClient(o.ConnectionString, queueOptions);
        }
        else if (o.TableServiceUri is not null && o.QueueServiceUri is not null)
        {
            TokenCredential credential = new DefaultAzureCredential();
            Tables = new TableServiceClient(o.TableServiceUri, credential, tableOptions);
            Queues = new QueueServiceClient(o.QueueServiceUri, credential, queueOptions);
        }
        else
        {
            throw new InvalidOperationException(
                "Storage is not configured: set Storage:ConnectionString (UseDevelopmentStorage=true for Azurite) " +
                "or both Storage:TableServiceUri and Storage:QueueServiceUri for managed identity.");
        }

        Prefix = o.Prefix;
    }

    public TableServiceClient Tables { get; }

    public QueueServiceClient Queues { get; }

    public string Prefix { get; }

    // A few quick retries for blips; a longer outage surfaces to the caller, whose work stays queued.
    private static void ConfigureRetry(RetryOptions retry)
    {
        retry.MaxRetries = 3;
        retry.Mode = RetryMode.Exponential;
        retry.Delay = TimeSpan.FromMilliseconds(200);
        retry.MaxDelay = TimeSpan.FromSeconds(5);
        retry.NetworkTimeout = TimeSpan.FromSeconds(30);
    }
}

/// <summary>
/// An Azure SDK pipeline policy added to both storage clients (registered as a singleton): what lets a test
/// see every storage request as the storage service's own logs would, and a benchmark count transactions.
/// </summary>
public sealed record StoragePipelinePolicy(HttpPipelinePolicy Policy);

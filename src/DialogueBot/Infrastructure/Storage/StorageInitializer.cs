using Azure;
using Microsoft.Extensions.Options;

namespace DialogueBot.Infrastructure.Storage;

/// <summary>
/// Creates every declared table and queue when the host starts. Storage that is briefly unreachable at
/// start (Azurite still booting) is retried for a while before start-up fails with a clear message.
/// </summary>
public sealed class StorageInitializer(AppStorage storage, IOptions<StorageInitializerOptions> options, ILogger<StorageInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + options.Value.StartupTimeout;
        var attempt = 0;
        while (true)
        {
            try
            {
                await CreateAllAsync(cancellationToken);
                logger.LogInformation("Storage ready: {Tables} tables, {Queues} queues.", storage.TableNames.Count, storage.QueueNames.Count);
                return;
            }
            catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or AggregateException && DateTimeOffset.UtcNow < deadline)
            {
                attempt++;
                logger.LogWarning("Storage not reachable yet (attempt {Attempt}): {Message}", attempt, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(5, attempt)), cancellationToken);
            }
        }
    }

    private async Task CreateAllAsync(CancellationToken cancellationToken)
    {
        foreach (var table in storage.TableNames)
        {
            await storage.Table(table).CreateIfNotExistsAsync(cancellationToken);
        }

        foreach (var queue in storage.QueueNames)
        {
            await storage.Queue(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public sealed class StorageInitializerOptions
{
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(60);
}

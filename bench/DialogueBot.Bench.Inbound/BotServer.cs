using System.Diagnostics;
using System.Globalization;
using DialogueBot.BotFramework.Authentication;
using DialogueBot.Hosting;
using DialogueBot.Infrastructure.Storage;
using DialogueBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DialogueBot.Bench.Inbound;

/// <summary>
/// The measured process: the real bot (Program's composition, the demo org seeded into Azurite) on Kestrel
/// with Bot Framework token validation ON against the driver's local issuer, and beside it a bare
/// minimal-API endpoint on its own port, so both see the same process, runtime settings and machine. The
/// bare app also serves the bench's own controls: memory figures, storage counts, pulse set-up and timing.
/// </summary>
public static class BotServer
{
    public const string Verb = "serve";
    public const string AppId = "bench-app-id";
    public const string Prefix = "bench";

    /// <summary>serve STORAGE BOTPORT BAREPORT METADATAURL</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var (storage, botPort, barePort, metadata) = (args[0], int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture), args[3]);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Benchmark", ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = $"http://127.0.0.1:{botPort}",
            ["Bot:AppId"] = AppId,
            ["Bot:AppPassword"] = "bench-secret",
            ["Bot:TenantId"] = TeamsUser.TenantId,
            ["Bot:OpenIdMetadataUrl"] = metadata,
            ["Bot:RequireHttpsMetadata"] = "false",
            ["Bot:AllowedServiceUrlHosts:0"] = "127.0.0.1",
            ["Storage:ConnectionString"] = storage,
            ["Storage:Prefix"] = Prefix,
            ["Anonymity:HmacKey"] = BotAppFactory.TestHmacKey,
            ["Demo:Enabled"] = "true",
            ["Pulse:RespectQuietHours"] = "false",
            // The bench closes runs itself and times publication alone.
            ["Pulse:CloseGrace"] = "00:00:00",
            ["Retention:SchedulePurge"] = "false",
            ["Proactive:MaxSendsPerSecond"] = "200",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore.StaticFiles"] = "Error",
        });
        builder.AddDialogueBot();
        var counter = new StorageCounter(Prefix);
        StorageCounter.QueuePort = QueuePortOf(storage);
        builder.Services.AddSingleton(new StoragePipelinePolicy(counter));
        // Entra ID cannot be reached here: outbound Connector calls carry a fixed token (the sink ignores it).
        builder.Services.RemoveAll<IBotAccessTokenProvider>();
        builder.Services.AddSingleton<IBotAccessTokenProvider>(new FixedTokenProvider());
        var bot = builder.Build();
        bot.MapDialogueBot();

        var bareBuilder = WebApplication.CreateSlimBuilder();
        bareBuilder.WebHost.UseUrls($"http://127.0.0.1:{barePort}");
        bareBuilder.Logging.ClearProviders();
        var bare = bareBuilder.Build();
        bare.MapPost("/bare", () => Results.Ok());
        bare.MapGet("/bench/memory", (bool? collect) => Results.Json(Memory(collect == true)));
        // CPU time of this process: per request it is steadier than requests/s when other work shares the cores.
        bare.MapGet("/bench/cpu", () => Results.Json(Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds));
        new PulseFixture(bot.Services, counter).Map(bare);

        await bot.StartAsync();
        await bare.StartAsync();
        await Task.WhenAny(bot.WaitForShutdownAsync(), bare.WaitForShutdownAsync());
        await bare.StopAsync();
        await bot.StopAsync();
        return 0;
    }

    private static int QueuePortOf(string connectionString)
    {
        var part = connectionString.Split(';').FirstOrDefault(p => p.StartsWith("QueueEndpoint=", StringComparison.Ordinal));
        return part is null ? -1 : new Uri(part["QueueEndpoint=".Length..]).Port;
    }

    private static MemoryFigures Memory(bool collect)
    {
        if (collect)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        using var self = Process.GetCurrentProcess();
        var info = GC.GetGCMemoryInfo();
        return new MemoryFigures(self.WorkingSet64, info.HeapSizeBytes, GC.GetTotalMemory(false), info.TotalCommittedBytes, GC.CollectionCount(0), GC.CollectionCount(2));
    }

    private sealed class FixedTokenProvider : IBotAccessTokenProvider
    {
        public Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken) => Task.FromResult<string?>("bench-outbound-token");
    }
}

public sealed record MemoryFigures(long WorkingSet, long GcHeapSize, long GcLiveBytes, long GcCommitted, int Gen0Collections, int Gen2Collections);

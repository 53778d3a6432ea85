using System.Diagnostics;
using System.Globalization;
using DialogueBot.Hosting;
using DialogueBot.Testing;

namespace DialogueBot.Bench.Inbound;

/// <summary>
/// The measured process: the real bot (Program's composition, dev mode, the demo org seeded into Azurite)
/// on Kestrel, and beside it a bare minimal-API endpoint on its own port, so both see the same process,
/// runtime settings and machine. It also answers /bench/memory with its own working set and GC heap.
/// </summary>
public static class BotServer
{
    public const string Verb = "serve";

    /// <summary>serve STORAGE BOTPORT BAREPORT</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var (storage, botPort, barePort) = (args[0], int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture));

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Benchmark", ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = $"http://127.0.0.1:{botPort}",
            ["Bot:DevMode"] = "true",
            ["Storage:ConnectionString"] = storage,
            ["Storage:Prefix"] = "bench",
            ["Anonymity:HmacKey"] = BotAppFactory.TestHmacKey,
            ["Demo:Enabled"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:DialogueBot.BotFramework.Hosting.DevModeGuard"] = "Error",
            ["Logging:LogLevel:Microsoft.AspNetCore.StaticFiles"] = "Error",
        });
        builder.AddDialogueBot();
        var bot = builder.Build();
        bot.MapDialogueBot();

        var bareBuilder = WebApplication.CreateSlimBuilder();
        bareBuilder.WebHost.UseUrls($"http://127.0.0.1:{barePort}");
        bareBuilder.Logging.ClearProviders();
        var bare = bareBuilder.Build();
        bare.MapPost("/bare", () => Results.Ok());
        bare.MapGet("/bench/memory", (bool? collect) => Results.Json(Memory(collect == true)));

        await bot.StartAsync();
        await bare.StartAsync();
        await Task.WhenAny(bot.WaitForShutdownAsync(), bare.WaitForShutdownAsync());
        await bare.StopAsync();
        await bot.StopAsync();
        return 0;
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
}

public sealed record MemoryFigures(long WorkingSet, long GcHeapSize, long GcLiveBytes, long GcCommitted, int Gen0Collections, int Gen2Collections);

using System.Diagnostics;
using System.Net.Sockets;

namespace DialogueBot.Testing;

/// <summary>
/// The Azure Storage emulator, for real Table and Queue storage in tests. `make test` starts one and
/// passes its connection string in DIALOGUEBOT_TEST_STORAGE; run alone (an IDE, `dotnet test`), the suite
/// starts its own, in memory, on free ports. Fault tests start private instances they can stop and start.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly Lazy<Task<string>> Shared = new(StartSharedAsync);
    private Process? _process;

    private Azurite(int tablePort, int queuePort, int blobPort, string? location)
    {
        TablePort = tablePort;
        QueuePort = queuePort;
        BlobPort = blobPort;
        Location = location;
    }

    public int TablePort { get; }
    public int QueuePort { get; }
    public int BlobPort { get; }
    public string? Location { get; }

    public string ConnectionString => ConnectionStringFor(TablePort, QueuePort, BlobPort);

    /// <summary>The suite-wide storage: the one `make test` started, or one started here on first use.</summary>
    public static Task<string> SharedConnectionStringAsync() => Shared.Value;

    public static string ConnectionStringFor(int tablePort, int queuePort, int blobPort) =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/{AccountName};QueueEndpoint=http://127.0.0.1:{queuePort}/{AccountName};BlobEndpoint=http://127.0.0.1:{blobPort}/{AccountName};";

    /// <summary>Starts a private instance. With <paramref name="persistent"/>, data survives a stop and start.</summary>
    public static async Task<Azurite> StartAsync(bool persistent = false)
    {
        var location = persistent ? Directory.CreateTempSubdirectory("azurite-").FullName : null;
        var azurite = new Azurite(FreePort.Next(), FreePort.Next(), FreePort.Next(), location);
        await azurite.StartAsync();
        return azurite;
    }

    /// <summary>(Re)starts the process on the same ports.</summary>
    public async Task StartAsync()
    {
        var bin = RepositoryPaths.Combine("node_modules", ".bin", "azurite");
        if (!File.Exists(bin))
        {
            throw new InvalidOperationException($"Azurite is not installed ({bin}). Run `npm ci` (make test does it for you).");
        }

        var args = $"--silent --skipApiVersionCheck --loose --disableTelemetry --tableHost 127.0.0.1 --queueHost 127.0.0.1 --blobHost 127.0.0.1 " +
                   $"--tablePort {TablePort} --queuePort {QueuePort} --blobPort {BlobPort} " +
                   (Location is null ? "--inMemoryPersistence" : $"--location \"{Location}\"");
        var start = new ProcessStartInfo(bin, args) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start Azurite.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitForPortAsync(TablePort, _process);
        await WaitForPortAsync(QueuePort, _process);
    }

    /// <summary>Stops the process (an outage, for fault tests).</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }

        _process = null;
    }

    /// <summary>
    /// Stops the process as a service restart would (SIGINT: Azurite closes cleanly and, when persistent,
    /// keeps what it acknowledged). A kill loses Azurite's unsaved state, which real storage never does.
    /// </summary>
    public async Task StopGracefullyAsync()
    {
        if (_process is { HasExited: false } p && !OperatingSystem.IsWindows())
        {
            using (var signal = Process.Start(new ProcessStartInfo("kill", $"-INT {p.Id}") { UseShellExecute = false }))
            {
                await signal!.WaitForExitAsync();
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await p.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }

        await StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (Location is not null)
        {
            try
            {
                Directory.Delete(Location, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<string> StartSharedAsync()
    {
        var fromMake = Environment.GetEnvironmentVariable("DIALOGUEBOT_TEST_STORAGE");
        if (!string.IsNullOrWhiteSpace(fromMake))
        {
            return fromMake;
        }

        var azurite = await StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => azurite.StopAsync().GetAwaiter().GetResult();
        azurite.StopWhenThisProcessIsGone();
        return azurite.ConnectionString;
    }

    /// <summary>
    /// The test runner may end the test process without ProcessExit handlers running, which left the suite's
    /// Azurite behind after every run. A watchdog outside this process stops it once this process is gone.
    /// </summary>
    private void StopWhenThisProcessIsGone()
    {
        if (OperatingSystem.IsWindows() || _process is null)
        {
            return;
        }

        var script = $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 2; done; kill {_process.Id} 2>/dev/null";
        using var watchdog = Process.Start(new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", script }, UseShellExecute = false });
    }

    // Generous: on a loaded machine (two cores shared by a team) node takes tens of seconds to start.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private static async Task WaitForPortAsync(int port, Process process)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {process.ExitCode} before opening port {port} (is the port taken?).");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"Azurite did not open port {port} within {StartTimeout.TotalSeconds:0} s.");
    }
}

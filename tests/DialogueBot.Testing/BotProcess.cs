using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace DialogueBot.Testing;

/// <summary>
/// The real built bot (src/DialogueBot/bin/&lt;Configuration&gt;/net10.0/DialogueBot.dll) as a separate OS
/// process on a free loopback port, in dev mode, on the given storage and prefix, talking to a
/// <see cref="ConnectorStub"/>. Unlike <see cref="BotAppFactory"/> it can be killed outright (SIGKILL: no
/// shutdown hooks, no finishing of held work), which is what a crashed or OOM-killed instance does.
/// Its console output goes to artifacts/processes/&lt;name&gt;.log for debugging.
/// </summary>
public sealed class BotProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private BotProcess(Process process, StreamWriter log, int port, string logPath)
    {
        _process = process;
        _log = log;
        Port = port;
        LogPath = logPath;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public int Port { get; }

    public string LogPath { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>A client with the process's address as base.</summary>
    public HttpClient Client { get; }

    /// <summary>The bot's entry assembly, built in the same configuration as the tests running now.</summary>
    public static string EntryAssembly
    {
        get
        {
            // Tests run from tests/X/bin/<Configuration>/net10.0/: use that configuration, else whichever was built last.
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent?.Name ?? "Debug";
            var candidates = new[] { configuration, "Debug", "Release" }
                .Select(c => RepositoryPaths.Combine("src", "DialogueBot", "bin", c, "net10.0", "DialogueBot.dll"))
                .Where(File.Exists)
                .ToList();
            return candidates.FirstOrDefault() ?? throw new InvalidOperationException("The bot is not built: run `dotnet build DialogueBot.sln` first.");
        }
    }

    /// <summary>
    /// Starts a bot process and waits until /healthz answers 200. <paramref name="settings"/> are
    /// configuration keys (Section:Key) laid over the test defaults, passed as environment variables.
    /// </summary>
    public static async Task<BotProcess> StartAsync(string name, string storageConnectionString, string prefix, ConnectorStub connector, IDictionary<string, string?>? settings = null)
    {
        var port = FreePort.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Combine("src", "DialogueBot"),
        };
        start.ArgumentList.Add(EntryAssembly);
        foreach (var (key, value) in Environment(storageConnectionString, prefix, port, connector, settings))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var logPath = RepositoryPaths.Artifacts("processes", $"{name}-{prefix}.log");
        var log = new StreamWriter(logPath, append: false, Encoding.UTF8) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the bot process.");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var bot = new BotProcess(process, log, port, logPath);
        try
        {
            await bot.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
            await bot.DisposeAsync();
            throw;
        }

        return bot;
    }

    /// <summary>Imports an org chart through POST /api/org/import as the dev user <paramref name="asUser"/>.</summary>
    public async Task ImportOrgAsync(string csv, string asUser)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/org/import") { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
        request.Headers.Add("X-Dev-User", asUser);
        using var response = await Client.SendAsync(request);
        await EnsureSuccessAsync(response);
    }

    /// <summary>POSTs an activity to /api/messages; it must be accepted.</summary>
    public async Task SendAsync(DialogueBot.BotFramework.Schema.Activity activity)
    {
        using var content = new StringContent(JsonSerializer.Serialize(activity, DialogueBot.BotFramework.Schema.BotJson.Options), Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync("/api/messages", content);
        await EnsureSuccessAsync(response);
    }

    /// <summary>POSTs JSON to an API route as the dev user <paramref name="asUser"/>; returns the answer's JSON.</summary>
    public async Task<JsonElement> PostJsonAsync(string path, object body, string asUser)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Dev-User", asUser);
        using var response = await Client.SendAsync(request);
        var text = await EnsureSuccessAsync(response);
        return string.IsNullOrWhiteSpace(text) ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>SIGKILL, the whole tree: nothing in the process gets to run another instruction.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }

        Client.Dispose();
        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }

    private static Dictionary<string, string?> Environment(string storage, string prefix, int port, ConnectorStub connector, IDictionary<string, string?>? overrides)
    {
        // The settings an in-process test bot gets, here as a real deployment receives them (environment variables).
        var values = BotAppFactory.FastSettings(storage, prefix);
        values["ASPNETCORE_ENVIRONMENT"] = "Development";
        values["DOTNET_ENVIRONMENT"] = "Development";
        values["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        values["Bot:DevMode"] = "true";
        values["Bot:AppId"] = "";
        values["Bot:AppPassword"] = "";
        values["Bot:AllowedServiceUrlHosts:0"] = new Uri(connector.ServiceUrl).Host;
        values["Demo:Enabled"] = "false";
        values["Work:RunWorker"] = "true";
        values["Scheduler:RunScheduler"] = "true";
        values["Pulse:RespectQuietHours"] = "false";
        values["Logging:LogLevel:Default"] = "Information";
        values["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning";
        values["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning";
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        return values;
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // Output that trails a kill.
            }
        }
    }

    private static async Task<string> EnsureSuccessAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {text}");
        }

        return text;
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The bot process exited with {_process.ExitCode} while starting; see {LogPath}.");
            }

            try
            {
                using var response = await Client.GetAsync("/healthz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The bot process did not become healthy within {timeout.TotalSeconds:0} s; see {LogPath}.");
    }
}

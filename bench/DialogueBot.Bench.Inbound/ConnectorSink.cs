using System.Text.Json.Nodes;

namespace DialogueBot.Bench.Inbound;

/// <summary>
/// Where the bot's replies go: answers the Connector routes it calls (send, reply, update, create a
/// conversation) at once and only counts them. The test ConnectorStub records and validates every card,
/// which would make it, not the bot, the bottleneck.
/// </summary>
public sealed class ConnectorSink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _received;

    private ConnectorSink(WebApplication app, int port)
    {
        _app = app;
        ServiceUrl = $"http://127.0.0.1:{port}/";
    }

    public string ServiceUrl { get; }

    public long Received => Interlocked.Read(ref _received);

    public static async Task<ConnectorSink> StartAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var sink = new ConnectorSink(app, port);
        app.Run(async http =>
        {
            Interlocked.Increment(ref sink._received);
            await http.Request.Body.CopyToAsync(Stream.Null);
            http.Response.StatusCode = HttpMethods.IsPut(http.Request.Method) ? 200 : 201;
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(new JsonObject { ["id"] = "a:bench-" + Interlocked.Read(ref sink._received) }.ToJsonString());
        });
        await app.StartAsync();
        return sink;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

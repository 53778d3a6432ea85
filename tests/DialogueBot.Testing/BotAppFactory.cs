using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DialogueBot.BotFramework.Authentication;
using DialogueBot.BotFramework.Schema;
using DialogueBot.Demo;
using DialogueBot.Org;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace DialogueBot.Testing;

/// <summary>How a test wants the bot hosted.</summary>
public sealed record BotAppOptions
{
    /// <summary>Dev mode (anonymous loopback requests). Off when <see cref="AppId"/> is set.</summary>
    public bool DevMode { get; init; } = true;

    /// <summary>With an app id, inbound tokens are validated against <see cref="OpenId"/>'s keys.</summary>
    public string? AppId { get; init; }

    public OpenIdStub? OpenId { get; init; }

    /// <summary>The Connector the bot talks to; its host is allowed as a serviceUrl.</summary>
    public ConnectorStub? Connector { get; init; }

    /// <summary>A clock the test moves by hand; the system clock when null.</summary>
    public FakeTimeProvider? Time { get; init; }

    public bool RunWorker { get; init; } = true;

    public bool RunScheduler { get; init; }

    /// <summary>Import the 30-person demo org after start.</summary>
    public bool SeedDemoOrg { get; init; } = true;

    /// <summary>Storage to use; the suite's shared Azurite when null.</summary>
    public string? StorageConnectionString { get; init; }

    /// <summary>Table and queue prefix; a fresh one when null (so every host sees only its own data).</summary>
    public string? Prefix { get; init; }

    /// <summary>The address requests appear to come from (TestServer has none of its own).</summary>
    public IPAddress RemoteIp { get; init; } = IPAddress.Loopback;

    public IDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    public Action<IServiceCollection>? ConfigureServices { get; init; }
}

/// <summary>
/// The real bot — Program, its full ASP.NET pipeline and hosted services — on a test server, with real
/// Azurite storage, a local Connector and, when asked, a local token issuer.
/// </summary>
public sealed class BotAppFactory : WebApplicationFactory<Program>
{
    public const string TestHmacKey = "VEVTVC1PTkxZLWRpYWxvZ3VlYm90LWhtYWMta2V5LWZvci10ZXN0cy0wMDAwMDA=";

    private readonly BotAppOptions _options;
    private readonly string _storage;

    private BotAppFactory(BotAppOptions options, string storage, string prefix)
    {
        _options = options;
        _storage = storage;
        Prefix = prefix;
    }

    public string Prefix { get; }

    public BotAppOptions Options => _options;

    /// <summary>Every write this host's storage clients sent (to prove a request wrote nothing, cheaply).</summary>
    public StorageWriteLog StorageWrites { get; } = new();

    public static async Task<BotAppFactory> StartAsync(BotAppOptions? options = null)
    {
        options ??= new BotAppOptions();
        var storage = options.StorageConnectionString ?? await Azurite.SharedConnectionStringAsync();
        var prefix = options.Prefix ?? NewPrefix();
        var factory = new BotAppFactory(options, storage, prefix);
        _ = factory.Server; // starts the host: storage is created, hosted services run
        if (options.SeedDemoOrg)
        {
            await factory.ImportOrgAsync(DemoSeeder.DemoOrgCsv());
        }

        return factory;
    }

    public static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..10];

    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Imports an org chart straight through the repository (the API is tested on its own).</summary>
    public async Task<IReadOnlyList<OrgPerson>> ImportOrgAsync(string csv)
    {
        var parsed = OrgChartCsv.Parse(csv);
        if (!parsed.IsValid)
        {
            throw new InvalidOperationException(string.Join("\n", parsed.Errors));
        }

        await Service<OrgChartRepository>().ImportAsync(parsed.People, CancellationToken.None);
        Service<OrgDirectory>().Invalidate();
        return parsed.People;
    }

    /// <summary>POSTs an activity to /api/messages, with a bearer token when given.</summary>
    public async Task<HttpResponseMessage> PostActivityAsync(Activity activity, string? token = null) =>
        await PostRawAsync(JsonSerializer.Serialize(activity, BotJson.Options), token);

    public async Task<HttpResponseMessage> PostRawAsync(string body, string? token = null, string contentType = "application/json")
    {
        using var client = CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Sends an activity that must be accepted (2xx); returns the response body as JSON (or default).</summary>
    public async Task<JsonElement> SendAsync(Activity activity, string? token = null)
    {
        using var response = await PostActivityAsync(activity, token);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The bot answered {(int)response.StatusCode}: {text}");
        }

        return string.IsNullOrWhiteSpace(text) ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Sends an adaptiveCard/action invoke; returns the card it answers with, validated against the schema.</summary>
    public async Task<JsonElement> InvokeCardAsync(Activity invoke, string? token = null)
    {
        var body = await SendAsync(invoke, token);
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("type", out var type))
        {
            throw new InvalidOperationException("The invoke response has no type: " + body);
        }

        if (type.GetString() != AdaptiveCardInvokeResponse.CardType)
        {
            throw new InvalidOperationException("The invoke response is not a card: " + body);
        }

        var card = body.GetProperty("value");
        CardSchema.AssertValid(card.GetRawText(), "answered to " + invoke.Name);
        return card;
    }

    /// <summary>
    /// What every test bot runs with, in process or as its own process (<see cref="BotProcess"/>): its storage
    /// and prefix, the test HMAC key, and short delays so retries, polls and sends do not slow the tests.
    /// </summary>
    public static Dictionary<string, string?> FastSettings(string storageConnectionString, string prefix) => new(StringComparer.Ordinal)
    {
        ["Storage:ConnectionString"] = storageConnectionString,
        ["Storage:Prefix"] = prefix,
        ["Anonymity:HmacKey"] = TestHmacKey,
        ["Bot:Connector:BaseDelay"] = "00:00:00.050",
        ["Work:MaxIdleDelay"] = "00:00:00.200",
        ["Work:BaseRetryDelay"] = "00:00:00.200",
        ["Scheduler:PollInterval"] = "00:00:00.500",
        ["Org:CacheDuration"] = "00:00:00",
        ["Proactive:TenantSendsPerSecond"] = "1000",
        // Tests close runs themselves and read results at once; the grace for answers in flight is tested on its own.
        ["Pulse:CloseGrace"] = "00:00:00",
        // The daily purge would be due at start and add a job of its own to tests that count jobs and sends;
        // RetentionPurgeTests turns it back on.
        ["Retention:SchedulePurge"] = "false",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var settings = FastSettings(_storage, Prefix);
        settings["Bot:DevMode"] = (_options.AppId is null && _options.DevMode).ToString();
        settings["Bot:AppId"] = _options.AppId ?? "";
        settings["Bot:AppPassword"] = _options.AppId is null ? "" : "test-secret";
        settings["Bot:TenantId"] = "00000000-0000-0000-0000-0000000000001";
        settings["Bot:RequireHttpsMetadata"] = "false";
        settings["Bot:OpenIdMetadataUrl"] = _options.OpenId?.MetadataUrl ?? "http://127.0.0.1:9/none";
        settings["Bot:MinimumMetadataRefreshInterval"] = "00:00:00";
        settings["Work:RunWorker"] = _options.RunWorker.ToString();
        settings["Scheduler:RunScheduler"] = _options.RunScheduler.ToString();
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Logging:LogLevel:Polly"] = "Error";
        if (_options.Connector is not null)
        {
            settings["Bot:AllowedServiceUrlHosts:0"] = "127.0.0.1";
        }

        foreach (var (key, value) in _options.Settings)
        {
            settings[key] = value;
        }

        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(settings));
        builder.ConfigureTestServices(services =>
        {
            if (_options.Time is not null)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(_options.Time);
            }

            // Entra ID cannot run here: outbound tokens come from a fixed fake (the stub records them).
            services.RemoveAll<IBotAccessTokenProvider>();
            services.AddSingleton<IBotAccessTokenProvider>(new StaticTokenProvider(_options.AppId is null ? null : "outbound-test-token"));
            services.AddSingleton<IStartupFilter>(new RemoteAddressStartupFilter(_options.RemoteIp));
            services.AddSingleton(StorageWrites.Policy);
            _options.ConfigureServices?.Invoke(services);
        });
    }

    private sealed class StaticTokenProvider(string? token) : IBotAccessTokenProvider
    {
        public Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken) => Task.FromResult(token);
    }

    /// <summary>TestServer leaves the remote address empty; real Kestrel sets it. Set it as a client would.</summary>
    private sealed class RemoteAddressStartupFilter(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

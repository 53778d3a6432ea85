using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DialogueBot.Testing;

/// <summary>
/// A local Bot Connector: a real HTTP server that speaks the Connector REST routes the bot calls
/// (create conversation, send, reply, update, delete, get member), records every request, validates every
/// card it receives against the Adaptive Card schema, and injects faults (429 with Retry-After, 5xx) on
/// demand. It stands in for Teams, which cannot run here.
/// </summary>
public sealed class ConnectorStub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Fault> _scriptedFaults = new();
    private readonly ConcurrentDictionary<string, string> _conversationsByMember = new();
    private long _nextId;

    private ConnectorStub(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    /// <summary>What to put in an activity's serviceUrl so the bot answers here.</summary>
    public string ServiceUrl => $"http://127.0.0.1:{Port}/";

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Activities sent, replied or updated successfully (after faults).</summary>
    public ConcurrentQueue<ReceivedActivity> Activities { get; } = new();

    /// <summary>Schema errors of cards received; a test that sees any has found a bug.</summary>
    public ConcurrentQueue<string> CardSchemaErrors { get; } = new();

    /// <summary>Members the members API knows (user id → account), for email linking.</summary>
    public ConcurrentDictionary<string, JsonObject> Members { get; } = new();

    /// <summary>Chance (0..1) that any activity send is answered 429 with <see cref="InjectedRetryAfter"/>.</summary>
    public double ThrottleProbability { get; set; }

    public TimeSpan InjectedRetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>While set, every request is answered with this status (an outage of Teams).</summary>
    public HttpStatusCode? Outage { get; set; }

    /// <summary>
    /// Conversations whose every send is refused with this status and error code, as Teams refuses a person
    /// who blocked or removed the bot (403 BotDisabledByAdmin, 404 BotNotInConversationRoster).
    /// </summary>
    public ConcurrentDictionary<string, (HttpStatusCode Status, string Code)> Refusing { get; } = new(StringComparer.Ordinal);

    /// <summary>Artificial latency per request.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>A place for tests to observe every request as it arrives.</summary>
    public event Action<RecordedRequest>? RequestReceived;

    public static async Task<ConnectorStub> StartAsync()
    {
        var port = FreePort.Next();
        // No watcher on appsettings files: each is an inotify instance, and a suite (or eight) of stubs runs out.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stub = new ConnectorStub(app, port);
        app.Run(stub.HandleAsync);
        await app.StartAsync();
        return stub;
    }

    /// <summary>
    /// Forgets everything received and every fault, latency and observer set, for the next test of a class
    /// that shares this stub (<see cref="SharedBot"/>). Conversation ids stay: Teams keeps them too.
    /// </summary>
    public void Reset()
    {
        Requests.Clear();
        Activities.Clear();
        CardSchemaErrors.Clear();
        Members.Clear();
        _scriptedFaults.Clear();
        ThrottleProbability = 0;
        InjectedRetryAfter = TimeSpan.FromSeconds(1);
        Outage = null;
        Latency = TimeSpan.Zero;
        RequestReceived = null;
    }

    /// <summary>The next <paramref name="count"/> activity sends fail with <paramref name="status"/>.</summary>
    public void FailNext(int count, HttpStatusCode status, TimeSpan? retryAfter = null)
    {
        for (var i = 0; i < count; i++)
        {
            _scriptedFaults.Enqueue(new Fault(status, retryAfter));
        }
    }

    public IReadOnlyList<ReceivedActivity> ActivitiesIn(string conversationId) =>
        Activities.Where(a => a.ConversationId == conversationId).ToList();

    /// <summary>Waits until an activity matching <paramref name="predicate"/> has arrived.</summary>
    public async Task<ReceivedActivity> WaitForAsync(Func<ReceivedActivity, bool> predicate, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            var match = Activities.FirstOrDefault(predicate);
            if (match is not null)
            {
                return match;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException("The connector stub did not receive the expected activity. Received:\n" +
            string.Join("\n", Activities.Select(a => $"  {a.Kind} {a.ConversationId}: {Summarize(a.Body)}")));
    }

    /// <summary>Waits until <paramref name="condition"/> holds over everything received.</summary>
    public async Task WaitUntilAsync(Func<ConnectorStub, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            if (condition(this))
            {
                return;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"Condition not met in time; {Activities.Count} activities received.");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext http)
    {
        var body = await new StreamReader(http.Request.Body, Encoding.UTF8).ReadToEndAsync();
        var path = http.Request.Path.Value ?? "";
        var segments = path.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        var request = new RecordedRequest(http.Request.Method, path, segments, body, http.Request.Headers.Authorization.ToString(), DateTimeOffset.UtcNow);
        Requests.Enqueue(request);
        RequestReceived?.Invoke(request);

        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency);
        }

        if (Outage is { } outage)
        {
            await ErrorAsync(http, outage, null);
            return;
        }

        // /v3/conversations
        if (segments is ["v3", "conversations"] && HttpMethods.IsPost(http.Request.Method))
        {
            await CreateConversationAsync(http, body);
            return;
        }

        // /v3/conversations/{id}/members/{member}
        if (segments is ["v3", "conversations", _, "members", var memberId] && HttpMethods.IsGet(http.Request.Method))
        {
            if (Members.TryGetValue(memberId, out var member))
            {
                await JsonAsync(http, 200, member);
            }
            else
            {
                await ErrorAsync(http, HttpStatusCode.NotFound, null);
            }

            return;
        }

        // /v3/conversations/{id}/activities[/{activityId}]
        if (segments is ["v3", "conversations", var conversationId, "activities", ..])
        {
            var activityId = segments.Length > 4 ? segments[4] : null;
            if (Refusing.TryGetValue(conversationId, out var refusal))
            {
                await ErrorAsync(http, refusal.Status, refusal.Code);
                return;
            }

            if (await InjectFaultAsync(http))
            {
                return;
            }

            var method = http.Request.Method;
            if (HttpMethods.IsDelete(method) && activityId is not null)
            {
                Activities.Enqueue(new ReceivedActivity(ActivityKinds.Delete, conversationId, activityId, default, request.Authorization));
                http.Response.StatusCode = 200;
                return;
            }

            JsonElement activity;
            try
            {
                activity = JsonDocument.Parse(body).RootElement.Clone();
            }
            catch (JsonException)
            {
                await ErrorAsync(http, HttpStatusCode.BadRequest, "BadSyntax");
                return;
            }

            foreach (var card in CardSchema.CardsOf(activity))
            {
                foreach (var error in CardSchema.Validate(card))
                {
                    CardSchemaErrors.Enqueue(error + " in " + Summarize(activity));
                }
            }

            var (kind, id) = HttpMethods.IsPut(method) && activityId is not null
                ? (ActivityKinds.Update, activityId)
                : (activityId is null ? ActivityKinds.Send : ActivityKinds.Reply, "activity-" + Interlocked.Increment(ref _nextId));
            Activities.Enqueue(new ReceivedActivity(kind, conversationId, id, activity, request.Authorization));
            await JsonAsync(http, kind == ActivityKinds.Update ? 200 : 201, new JsonObject { ["id"] = id });
            return;
        }

        await ErrorAsync(http, HttpStatusCode.NotFound, "NotFound");
    }

    private async Task CreateConversationAsync(HttpContext http, string body)
    {
        var parameters = JsonNode.Parse(body);
        var member = parameters?["members"]?[0]?["id"]?.GetValue<string>();
        if (member is null)
        {
            await ErrorAsync(http, HttpStatusCode.BadRequest, "BadArgument");
            return;
        }

        // Repeating the call for the same member returns the same conversation, as Teams does.
        var id = _conversationsByMember.GetOrAdd(member, m => "a:" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(m)))[..24].ToLowerInvariant());
        await JsonAsync(http, 201, new JsonObject { ["id"] = id });
    }

    private async Task<bool> InjectFaultAsync(HttpContext http)
    {
        if (_scriptedFaults.TryDequeue(out var fault))
        {
            await ErrorAsync(http, fault.Status, fault.Status == HttpStatusCode.TooManyRequests ? "Throttled" : "ServiceError", fault.RetryAfter);
            return true;
        }

        if (ThrottleProbability > 0 && Random.Shared.NextDouble() < ThrottleProbability)
        {
            await ErrorAsync(http, HttpStatusCode.TooManyRequests, "Throttled", InjectedRetryAfter);
            return true;
        }

        return false;
    }

    private static async Task ErrorAsync(HttpContext http, HttpStatusCode status, string? code, TimeSpan? retryAfter = null)
    {
        if (retryAfter is { } wait)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await JsonAsync(http, (int)status, new JsonObject { ["error"] = new JsonObject { ["code"] = code ?? status.ToString(), ["message"] = "Injected by the connector stub" } });
    }

    private static async Task JsonAsync(HttpContext http, int status, JsonNode body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(body.ToJsonString());
    }

    private static string Summarize(JsonElement activity)
    {
        if (activity.ValueKind != JsonValueKind.Object)
        {
            return "(none)";
        }

        var text = activity.TryGetProperty("text", out var t) ? t.GetString() : null;
        var card = CardSchema.CardsOf(activity).FirstOrDefault();
        var title = card.ValueKind == JsonValueKind.Object ? card.GetRawText() : null;
        return text ?? (title is null ? "(empty)" : title.Length > 160 ? title[..160] + "…" : title);
    }

    private sealed record Fault(HttpStatusCode Status, TimeSpan? RetryAfter);
}

public sealed record RecordedRequest(string Method, string Path, string[] Segments, string Body, string Authorization, DateTimeOffset At);

public enum ActivityKinds
{
    Send,
    Reply,
    Update,
    Delete,
}

/// <summary>An activity the bot sent, replied, updated or deleted.</summary>
public sealed record ReceivedActivity(ActivityKinds Kind, string ConversationId, string ActivityId, JsonElement Body, string Authorization)
{
    public IEnumerable<JsonElement> Cards => Body.ValueKind == JsonValueKind.Object ? CardSchema.CardsOf(Body) : [];

    /// <summary>The first card, or default.</summary>
    public JsonElement Card => Cards.FirstOrDefault();

    /// <summary>All text anywhere in the first card (TextBlocks, runs, facts), for assertions.</summary>
    public string CardText => Card.ValueKind == JsonValueKind.Object ? CardTexts.Of(Card) : "";

    public string? Text => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("text", out var t) ? t.GetString() : null;
}

/// <summary>Collects the visible text of a card.</summary>
public static class CardTexts
{
    public static string Of(JsonElement card)
    {
        var builder = new StringBuilder();
        Walk(card, builder);
        return builder.ToString();
    }

    private static void Walk(JsonElement element, StringBuilder builder)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name is "text" or "title" or "value" or "label" or "placeholder" && property.Value.ValueKind == JsonValueKind.String)
                    {
                        builder.Append(property.Value.GetString()).Append('\n');
                    }
                    else
                    {
                        Walk(property.Value, builder);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, builder);
                }

                break;
        }
    }
}

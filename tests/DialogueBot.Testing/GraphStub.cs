using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DialogueBot.Testing;

/// <summary>A user of the stub's tenant. <see cref="Attributes"/> are extra top-level properties (extension attributes).</summary>
public sealed record StubUser(string Id, string DisplayName, string? Mail = null, string? Department = null, string? JobTitle = null, string? ManagerId = null, bool AccountEnabled = true)
{
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }

    public string UserType { get; init; } = "Member";
}

/// <summary>
/// A local Microsoft Graph: a real HTTP server speaking the v1.0 routes the bot calls, in their real shapes —
/// <c>/users/delta</c> (pages with <c>@odata.nextLink</c>, the last with <c>@odata.deltaLink</c>; changes since
/// a delta token, <c>@removed</c>, <c>manager@delta</c>), role groups' transitive members (paged), and a
/// user's installed apps (201, 409 when installed, 403 when a policy blocks the app) with the
/// installation's chat. Faults on demand: scripted 429/5xx with Retry-After, an outage, an outage that
/// begins after N more requests. Every request is recorded; a missing bearer token is a 401.
/// </summary>
public sealed partial class GraphStub : IAsyncDisposable
{
    public const string DefaultCatalogAppId = "c0ffee00-0000-4000-8000-0000000000a1";

    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, StubUser> _users = new(StringComparer.OrdinalIgnoreCase);
    // Each change to a user: its sequence number, and the manager it had before (for manager@delta's @removed).
    private readonly Dictionary<string, (long Seq, bool Removed, string? PreviousManager)> _changes = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<string>> _groups = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, List<JsonObject>> _deltaRounds = new();
    private readonly ConcurrentQueue<(HttpStatusCode Status, TimeSpan? RetryAfter, string? PathContains)> _faults = new();
    private long _seq;
    private int _outageCountdown = -1;

    private GraphStub(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    /// <summary>What <c>Graph:BaseUrl</c> is set to.</summary>
    public string BaseUrl => $"http://127.0.0.1:{Port}/v1.0/";

    public int PageSize { get; set; } = 100;

    public string CatalogAppId { get; set; } = DefaultCatalogAppId;

    public ConcurrentQueue<GraphRequest> Requests { get; } = new();

    /// <summary>Users whose app permission policy blocks the app: installing for them is a 403.</summary>
    public ConcurrentDictionary<string, bool> BlockedUsers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>User id → installation id of the app in their personal scope.</summary>
    public ConcurrentDictionary<string, string> Installed { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>While set, every request is answered with this status.</summary>
    public HttpStatusCode? Outage { get; set; }

    public static async Task<GraphStub> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stub = new GraphStub(app, port);
        app.Run(stub.HandleAsync);
        await app.StartAsync();
        return stub;
    }

    /// <summary>The bot's settings for this stub (merge into <see cref="BotAppOptions.Settings"/>).</summary>
    public Dictionary<string, string?> BotSettings(string connectorServiceUrl, string? hrGroupId = null, string? executiveGroupId = null) => new(StringComparer.Ordinal)
    {
        ["Graph:Enabled"] = "true",
        ["Graph:BaseUrl"] = BaseUrl,
        ["Graph:ClientId"] = "test-graph-client",
        ["Graph:ClientSecret"] = "test-graph-secret",
        ["Graph:CatalogAppId"] = CatalogAppId,
        ["Graph:ConnectorServiceUrl"] = connectorServiceUrl,
        ["Graph:MaxRetryWait"] = "00:00:05",
        ["Graph:HrGroupIds:0"] = hrGroupId ?? "",
        ["Graph:ExecutiveGroupIds:0"] = executiveGroupId ?? "",
    };

    public IReadOnlyCollection<StubUser> Users
    {
        get
        {
            lock (_lock)
            {
                return _users.Values.ToList();
            }
        }
    }

    public void AddUsers(params IEnumerable<StubUser> users)
    {
        lock (_lock)
        {
            foreach (var user in users)
            {
                _users[user.Id] = user;
                _changes[user.Id] = (++_seq, false, null);
            }
        }
    }

    public void UpdateUser(string id, Func<StubUser, StubUser> change)
    {
        lock (_lock)
        {
            var before = _users[id];
            _users[id] = change(before);
            _changes[id] = (++_seq, false, before.ManagerId);
        }
    }

    /// <summary>Deletes the user (delta reports them <c>@removed</c>, reason "deleted").</summary>
    public void RemoveUser(string id)
    {
        lock (_lock)
        {
            _users.Remove(id);
            _changes[id] = (++_seq, true, null);
        }
    }

    public void SetGroup(string groupId, params IEnumerable<string> memberIds)
    {
        lock (_lock)
        {
            _groups[groupId] = memberIds.ToList();
        }
    }

    /// <summary>The next <paramref name="count"/> requests (whose path contains <paramref name="pathContains"/>) fail with <paramref name="status"/>.</summary>
    public void FailNext(int count, HttpStatusCode status, TimeSpan? retryAfter = null, string? pathContains = null)
    {
        for (var i = 0; i < count; i++)
        {
            _faults.Enqueue((status, retryAfter, pathContains));
        }
    }

    /// <summary>Answers <paramref name="requests"/> more requests, then every one with 503 until <see cref="Outage"/> is cleared.</summary>
    public void OutageAfter(int requests)
    {
        lock (_lock)
        {
            _outageCountdown = requests;
        }
    }

    public void EndOutage()
    {
        lock (_lock)
        {
            _outageCountdown = -1;
            Outage = null;
        }
    }

    public int CountRequests(string pathContains) => Requests.Count(r => r.Path.Contains(pathContains, StringComparison.OrdinalIgnoreCase));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext http)
    {
        var body = await new StreamReader(http.Request.Body, Encoding.UTF8).ReadToEndAsync();
        var path = http.Request.Path.Value ?? "";
        var request = new GraphRequest(http.Request.Method, path, http.Request.QueryString.Value ?? "", body, DateTimeOffset.UtcNow);
        Requests.Enqueue(request);

        if (!http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal))
        {
            await ErrorAsync(http, HttpStatusCode.Unauthorized, "InvalidAuthenticationToken");
            return;
        }

        lock (_lock)
        {
            if (Outage is null && _outageCountdown == 0)
            {
                Outage = HttpStatusCode.ServiceUnavailable;
            }
            else if (_outageCountdown > 0)
            {
                _outageCountdown--;
            }
        }

        if (Outage is { } outage)
        {
            await ErrorAsync(http, outage, "serviceNotAvailable");
            return;
        }

        if (_faults.TryPeek(out var fault) && (fault.PathContains is null || path.Contains(fault.PathContains, StringComparison.OrdinalIgnoreCase)) && _faults.TryDequeue(out fault))
        {
            await ErrorAsync(http, fault.Status, fault.Status == HttpStatusCode.TooManyRequests ? "TooManyRequests" : "serviceNotAvailable", fault.RetryAfter);
            return;
        }

        var segments = path.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        var query = http.Request.Query;
        switch (segments)
        {
            case ["v1.0", "users", "delta"] when HttpMethods.IsGet(http.Request.Method):
                await DeltaAsync(http, query["$deltatoken"].ToString(), query["$skiptoken"].ToString());
                return;
            case ["v1.0", "groups", var groupId, "transitiveMembers", "microsoft.graph.user"] when HttpMethods.IsGet(http.Request.Method):
                await GroupMembersAsync(http, groupId, query["$skiptoken"].ToString());
                return;
            case ["v1.0", "users", var userId, "teamwork", "installedApps"] when HttpMethods.IsPost(http.Request.Method):
                await InstallAsync(http, userId, body);
                return;
            case ["v1.0", "users", var userId, "teamwork", "installedApps"] when HttpMethods.IsGet(http.Request.Method):
                await ListInstalledAsync(http, userId, query["$filter"].ToString());
                return;
            case ["v1.0", "users", var userId, "teamwork", "installedApps", var installationId, "chat"] when HttpMethods.IsGet(http.Request.Method):
                await ChatAsync(http, userId, installationId);
                return;
            default:
                await ErrorAsync(http, HttpStatusCode.NotFound, "Request_ResourceNotFound");
                return;
        }
    }
}

public sealed record GraphRequest(string Method, string Path, string Query, string Body, DateTimeOffset At);

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Options;

namespace DialogueBot.Org.Graph;

/// <summary>Where app-only Graph tokens come from (Azure.Identity in production; a fixed fake in tests).</summary>
public interface IGraphTokenSource
{
    Task<string> GetTokenAsync(CancellationToken cancellationToken);
}

/// <summary>Client credentials or managed identity, as configured. Azure.Identity caches and refreshes the token.</summary>
public sealed class AzureIdentityGraphTokenSource(IOptions<GraphOptions> options, IConfiguration configuration) : IGraphTokenSource
{
    private readonly Lazy<TokenCredential> _credential = new(() => Create(options.Value, configuration));

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken) =>
        (await _credential.Value.GetTokenAsync(new TokenRequestContext([options.Value.Scope]), cancellationToken)).Token;

    private static TokenCredential Create(GraphOptions o, IConfiguration configuration) => o.Credential switch
    {
        GraphCredentialKind.ManagedIdentity => o.ClientId.Length == 0
            ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(o.ClientId)),
        _ => new ClientSecretCredential(o.TenantId.Length > 0 ? o.TenantId : configuration["Bot:TenantId"], o.ClientId, o.ClientSecret),
    };
}

/// <summary>
/// The few Graph REST calls the bot makes, with Graph's rules for being a good client: every request
/// carries a fresh app token; 429 and 503 are retried after their <c>Retry-After</c> (bounded, so a sync
/// never sleeps for long inside a work item); anything else comes back as a <see cref="GraphResponse"/>
/// for the caller to judge. Transport failures and exhausted retries throw <see cref="GraphUnavailableException"/>.
/// </summary>
public sealed class GraphClient(HttpClient http, IGraphTokenSource tokens, IOptions<GraphOptions> options, TimeProvider time, ILogger<GraphClient> logger)
{
    public const string HttpClientName = "graph";

    /// <summary>Requests sent, retries included (the benchmark prints it).</summary>
    public long RequestCount => Interlocked.Read(ref _requests);

    private long _requests;

    /// <summary>An absolute link as Graph gave it (nextLink, deltaLink), or a path relative to the base URL.</summary>
    public Uri Resolve(string pathOrLink) =>
        Uri.TryCreate(pathOrLink, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" ? absolute : new Uri(options.Value.BaseUrl, pathOrLink);

    public async Task<JsonDocument> GetJsonAsync(string pathOrLink, CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.Get, pathOrLink, null, cancellationToken);
        if (response.Status != HttpStatusCode.OK || response.Body is null)
        {
            response.Body?.Dispose();
            throw new GraphUnavailableException($"Graph answered {(int)response.Status} ({response.ErrorCode}) to GET {Describe(pathOrLink)}.", response.RetryAfter, response.Status);
        }

        return response.Body;
    }

    /// <summary>Sends one request; retries throttling and brief outages in place, up to the configured bound.</summary>
    public async Task<GraphResponse> SendAsync(HttpMethod method, string pathOrLink, object? body, CancellationToken cancellationToken, bool retryThrottling = true)
    {
        var o = options.Value;
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, Resolve(pathOrLink));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetTokenAsync(cancellationToken));
            if (body is not null)
            {
                request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
            }

            HttpResponseMessage response;
            try
            {
                Interlocked.Increment(ref _requests);
                response = await http.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                throw new GraphUnavailableException($"Graph could not be reached ({ex.Message}).", null, null);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new GraphUnavailableException("Graph did not answer in time.", null, null);
            }

            using (response)
            {
                var retryAfter = RetryAfterOf(response);
                var transient = response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout or HttpStatusCode.BadGateway;
                if (transient && retryThrottling && attempt < o.MaxRetries && (retryAfter ?? TimeSpan.Zero) <= o.MaxRetryWait)
                {
                    var wait = retryAfter ?? TimeSpan.FromMilliseconds(200 * Math.Pow(2, attempt));
                    logger.LogInformation("Graph answered {Status}; retrying in {Wait}.", (int)response.StatusCode, wait);
                    await Task.Delay(wait, time, cancellationToken);
                    continue;
                }

                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                JsonDocument? json = null;
                if (text.Length > 0 && response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
                {
                    try
                    {
                        json = JsonDocument.Parse(text);
                    }
                    catch (JsonException)
                    {
                        json = null;
                    }
                }

                var code = json is not null && json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("error", out var error)
                    && error.TryGetProperty("code", out var c) ? c.GetString() : null;
                return new GraphResponse(response.StatusCode, json, code, retryAfter);
            }
        }
    }

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? date - DateTimeOffset.UtcNow : null;
    }

    // Links carry tokens; logs and errors name the resource only.
    private static string Describe(string pathOrLink)
    {
        var query = pathOrLink.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? pathOrLink : pathOrLink[..query];
    }
}

/// <summary>One Graph answer. <see cref="Body"/> is owned by the caller.</summary>
public sealed record GraphResponse(HttpStatusCode Status, JsonDocument? Body, string? ErrorCode, TimeSpan? RetryAfter);

/// <summary>Graph is throttling us past our patience, failing, or unreachable: try the whole operation again later.</summary>
public sealed class GraphUnavailableException(string message, TimeSpan? retryAfter, HttpStatusCode? status) : Exception(message)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;

    public HttpStatusCode? Status { get; } = status;
}

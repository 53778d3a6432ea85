using System.Diagnostics;
using Activity = DialogueBot.BotFramework.Schema.Activity;
using System.Net;
using System.Security.Claims;
using System.Text.Json;
using DialogueBot.BotFramework.Authentication;
using DialogueBot.BotFramework.Connector;
using DialogueBot.BotFramework.Routing;
using DialogueBot.BotFramework.Schema;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DialogueBot.BotFramework.Hosting;

/// <summary>
/// Handles <c>POST /api/messages</c>: size and content-type limits, authentication, parsing, activity
/// validation, routing, and the HTTP answer. Every refusal is a 4xx with a short problem body; nothing
/// reaches a handler (and so nothing is written) before the request passed every check.
/// </summary>
public sealed class BotRequestProcessor
{
    private readonly BotAuthenticationOptions _auth;
    private readonly BotHostingOptions _hosting;
    private readonly BotTokenValidator _validator;
    private readonly ServiceUrlPolicy _serviceUrls;
    private readonly ActivityRouter _router;
    private readonly ITurnInitializer[] _initializers;
    private readonly ILogger<BotRequestProcessor> _logger;

    public BotRequestProcessor(
        IOptions<BotAuthenticationOptions> auth,
        IOptions<BotHostingOptions> hosting,
        BotTokenValidator validator,
        ServiceUrlPolicy serviceUrls,
        ActivityRouter router,
        IEnumerable<ITurnInitializer> initializers,
        ILogger<BotRequestProcessor> logger)
    {
        _auth = auth.Value;
        _hosting = hosting.Value;
        _validator = validator;
        _serviceUrls = serviceUrls;
        _router = router;
        _initializers = [.. initializers];
        _logger = logger;
    }

    public async Task<IResult> ProcessAsync(HttpContext http)
    {
        var cancellationToken = http.RequestAborted;

        // 1. Who may call at all: decided before a byte of the body is read.
        var gate = CheckCaller(http);
        if (gate is not null)
        {
            return gate;
        }

        // 2. Shape of the request.
        if (!IsJson(http.Request.ContentType))
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the activity as application/json.");
        }

        if (http.Request.ContentLength > _hosting.MaxRequestBytes)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Activity too large", $"Activities are limited to {_hosting.MaxRequestBytes} bytes.");
        }

        var body = await ReadBodyAsync(http.Request, _hosting.MaxRequestBytes, cancellationToken);
        if (body is null)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Activity too large", $"Activities are limited to {_hosting.MaxRequestBytes} bytes.");
        }

        if (!JsonTextGuard.HasOnlyValidText(body))
        {
            _logger.LogInformation("Refused an activity carrying invalid text (a lone UTF-16 surrogate or invalid UTF-8).");
            return Problem(StatusCodes.Status400BadRequest, "Malformed activity", "The activity contains text that is not valid Unicode.");
        }

        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize<Activity>(body, BotJson.Options);
        }
        catch (JsonException ex)
        {
            _logger.LogInformation("Refused an activity that is not valid JSON: {Message}", ex.Message);
            return Problem(StatusCodes.Status400BadRequest, "Malformed activity", "The body is not a valid Bot Framework activity (JSON).");
        }

        var invalid = activity is null ? "The body is empty." : ActivityValidator.Validate(activity);
        if (invalid is not null)
        {
            return Problem(StatusCodes.Status400BadRequest, "Malformed activity", invalid);
        }

        // 3. The token, now that we know which channel and serviceUrl it must vouch for.
        ClaimsIdentity? identity = null;
        if (_auth.HasAppId)
        {
            identity = await _validator.ValidateAsync(http.Request.Headers.Authorization, activity!.ChannelId, activity.ServiceUrl, cancellationToken);
            if (identity is null)
            {
                return Unauthorized();
            }
        }

        if (!_serviceUrls.IsAllowed(new Uri(activity!.ServiceUrl!)))
        {
            _logger.LogError("Refused an activity whose serviceUrl host {Host} is not allowed; add it to Bot:AllowedServiceUrlHosts if it is a genuine Bot Framework host.", new Uri(activity.ServiceUrl!).Host);
            return Problem(StatusCodes.Status400BadRequest, "Service URL not allowed", "The activity's serviceUrl is not a Bot Framework host this bot talks to.");
        }

        // 4. Route and answer.
        return await DispatchAsync(http, activity, identity, cancellationToken);
    }

    private async Task<IResult> DispatchAsync(HttpContext http, Activity activity, ClaimsIdentity? identity, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var span = BotFrameworkTelemetry.Source.StartActivity("bot.turn", ActivityKind.Server);
        span?.SetTag("bot.activity.type", activity.Type);
        span?.SetTag("bot.activity.name", activity.Name);

        var services = http.RequestServices;
        var context = new TurnContext(activity, identity, services.GetRequiredService<IActivitySender>(), services, services.GetRequiredService<IConnectorClient>());
        foreach (var initializer in _initializers)
        {
            initializer.Initialize(context);
        }

        var route = _router.Match(context);
        var routeName = route?.Name ?? "ignored";
        context.RouteName = routeName;
        span?.SetTag("bot.route", routeName);
        var outcome = "ok";
        try
        {
            if (route is null)
            {
                _logger.LogDebug("No route for a {Type} activity; acknowledged and ignored.", activity.Type);
                return activity.Type == ActivityTypes.Invoke ? UnsupportedInvoke(activity) : Results.Ok();
            }

            InvokeResponse? response;
            try
            {
                response = await route.Handler(context, cancellationToken);
            }
            catch (Exception ex) when (IsTransient(ex))
            {
                outcome = "unavailable";
                _logger.LogWarning(ex, "Route {Route} met a transient failure; asking the channel to retry.", routeName);
                http.Response.Headers.RetryAfter = _hosting.TransientRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Problem(StatusCodes.Status503ServiceUnavailable, "Temporarily unavailable", "The bot could not reach its storage or Teams. Please try again shortly.");
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                outcome = "error";
                _logger.LogError(ex, "Route {Route} failed on a {Type} activity.", routeName, activity.Type);
                response = await HandleErrorAsync(context, ex, cancellationToken);
            }

            return ToResult(activity, response);
        }
        finally
        {
            var tags = new TagList { { "type", activity.Type }, { "route", routeName }, { "outcome", outcome } };
            BotFrameworkTelemetry.Turns.Add(1, tags);
            BotFrameworkTelemetry.TurnDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, tags);
        }
    }

    private async Task<InvokeResponse?> HandleErrorAsync(TurnContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (_router.ErrorHandler is { } handler)
        {
            try
            {
                return await handler(context, exception, cancellationToken);
            }
            catch (Exception inner)
            {
                _logger.LogError(inner, "The error handler failed too.");
            }
        }

        return context.Activity.Type == ActivityTypes.Invoke
            ? new InvokeResponse(200, new AdaptiveCardInvokeResponse
            {
                StatusCode = 500,
                Type = AdaptiveCardInvokeResponse.ErrorType,
                Value = new ErrorDetail { Code = "InternalError", Message = "Something went wrong. Please try again." },
            })
            : null;
    }

    private bool IsTransient(Exception exception) =>
        exception is HttpRequestException or TimeoutException
        || (exception is ConnectorException connector && connector.IsTransient)
        || _hosting.TransientFailurePredicates.Any(p => p(exception));

    private IResult? CheckCaller(HttpContext http)
    {
        if (_auth.HasAppId)
        {
            // A request with no token at all is refused before its body is read.
            return string.IsNullOrEmpty(http.Request.Headers.Authorization) ? Unauthorized() : null;
        }

        if (!_auth.DevMode)
        {
            _logger.LogError("Refused an activity: no Bot:AppId is configured and dev mode is off.");
            return Unauthorized();
        }

        var remote = http.Connection.RemoteIpAddress;
        if (remote is null || !IPAddress.IsLoopback(remote))
        {
            _logger.LogWarning("Dev mode refused an anonymous activity from {Remote}: only loopback may call.", remote);
            return Unauthorized();
        }

        return null;
    }

    private static IResult ToResult(Activity activity, InvokeResponse? response)
    {
        if (activity.Type != ActivityTypes.Invoke)
        {
            return Results.Ok();
        }

        if (response is null)
        {
            return Results.Ok();
        }

        return response.Body is null
            ? Results.StatusCode(response.Status)
            : Results.Json(response.Body, BotJson.Options, statusCode: response.Status);
    }

    private static IResult UnsupportedInvoke(Activity activity) =>
        activity.Name == InvokeNames.AdaptiveCardAction
            ? Results.Json(new AdaptiveCardInvokeResponse
            {
                StatusCode = 400,
                Type = AdaptiveCardInvokeResponse.ErrorType,
                Value = new ErrorDetail { Code = "BadRequest", Message = "This card action is not recognised." },
            }, BotJson.Options)
            : Problem(StatusCodes.Status400BadRequest, "Unsupported invoke", "This bot does not handle that invoke.");

    private static IResult Unauthorized() => Problem(StatusCodes.Status401Unauthorized, "Unauthorized", "The request is not authenticated.");

    private static IResult Problem(int status, string title, string detail) =>
        Results.Problem(title: title, detail: detail, statusCode: status);

    private static bool IsJson(string? contentType) =>
        contentType is not null && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || contentType.Contains("+json", StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads at most <paramref name="limit"/> bytes; null when the body is longer (chunked bodies included).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } length and <= int.MaxValue)
        {
            // The usual request states its length (already checked against the limit): read it straight into
            // an array of that size, without the growing buffer and the copy out of it.
            var exact = new byte[length];
            var filled = 0;
            int got;
            while (filled < exact.Length && (got = await request.Body.ReadAsync(exact.AsMemory(filled), cancellationToken)) > 0)
            {
                filled += got;
            }

            return filled == exact.Length ? exact : exact[..filled];
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}

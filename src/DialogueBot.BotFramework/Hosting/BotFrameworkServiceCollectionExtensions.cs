using System.Net;
using DialogueBot.BotFramework.Authentication;
using DialogueBot.BotFramework.Connector;
using DialogueBot.BotFramework.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace DialogueBot.BotFramework.Hosting;

public static class BotFrameworkServiceCollectionExtensions
{
    /// <summary>
    /// The endpoint name <see cref="MapBotMessages"/> gives the messaging endpoint, so an app's own
    /// authentication can recognise it (and leave its Bot Framework token to <see cref="BotTokenValidator"/>).
    /// </summary>
    public const string BotMessagesEndpointName = "BotMessages";

    /// <summary>
    /// Registers the protocol: inbound token validation, the Connector client (token, serviceUrl allow-list,
    /// retries honouring Retry-After), the router fed by every registered <see cref="IActivityRouteModule"/>.
    /// </summary>
    public static IServiceCollection AddBotFramework(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(BotAuthenticationOptions.SectionName);
        services.AddOptions<BotAuthenticationOptions>().Bind(section);
        services.AddOptions<BotHostingOptions>().Bind(section.GetSection("Hosting"));
        services.AddOptions<ConnectorResilienceOptions>().Bind(section.GetSection("Connector"));
        services.TryAddSingleton(TimeProvider.System);

        services.AddHttpClient(HttpClientNames.Metadata, c => c.Timeout = TimeSpan.FromSeconds(15));
        services.TryAddSingleton(sp => new OpenIdMetadataProvider(Auth(sp), sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<BotTokenValidator>(sp => ActivatorUtilities.CreateInstance<BotTokenValidator>(sp, Auth(sp)));
        services.TryAddSingleton(sp => new ServiceUrlPolicy(Auth(sp)));
        services.TryAddSingleton<IBotAccessTokenProvider>(sp => new MsalBotAccessTokenProvider(Auth(sp)));
        services.TryAddTransient<ConnectorAuthenticationHandler>();

        services.AddHttpClient<IConnectorClient, ConnectorClient>()
            .AddHttpMessageHandler<ConnectorAuthenticationHandler>()
            .AddResilienceHandler("connector", (pipeline, context) =>
                ConfigureConnectorResilience(pipeline, context.ServiceProvider.GetRequiredService<IOptions<ConnectorResilienceOptions>>().Value));

        services.TryAddScoped<IActivitySender, ConnectorActivitySender>();
        services.TryAddSingleton(sp =>
        {
            var router = new ActivityRouter();
            foreach (var module in sp.GetServices<IActivityRouteModule>())
            {
                module.Map(router);
            }

            return router;
        });
        services.TryAddSingleton<BotRequestProcessor>();
        services.AddHostedService<DevModeGuard>();
        services.AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter, DevModeRequestGate>();
        return services;
    }

    /// <summary>Adds a feature's routes to the router.</summary>
    public static IServiceCollection AddBotRoutes<TModule>(this IServiceCollection services)
        where TModule : class, IActivityRouteModule
    {
        services.AddSingleton<IActivityRouteModule, TModule>();
        return services;
    }

    /// <summary>Adds a step that prepares every turn before its route runs (see <see cref="ITurnInitializer"/>).</summary>
    public static IServiceCollection AddTurnInitializer<TInitializer>(this IServiceCollection services)
        where TInitializer : class, ITurnInitializer
    {
        services.AddSingleton<ITurnInitializer, TInitializer>();
        return services;
    }

    /// <summary>Maps the Bot Framework messaging endpoint.</summary>
    public static RouteHandlerBuilder MapBotMessages(this IEndpointRouteBuilder endpoints, string pattern = "/api/messages") =>
        endpoints.MapPost(pattern, (HttpContext http, BotRequestProcessor processor) => processor.ProcessAsync(http))
            .WithName(BotMessagesEndpointName)
            .ExcludeFromDescription();

    private static BotAuthenticationOptions Auth(IServiceProvider sp) => sp.GetRequiredService<IOptions<BotAuthenticationOptions>>().Value;

    /// <summary>
    /// Retries throttling (429, honouring Retry-After up to a cap), 412, 408 and 5xx with exponential backoff and
    /// jitter. A Retry-After beyond the cap is not waited out here: the failure goes back to the caller.
    /// </summary>
    internal static void ConfigureConnectorResilience(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ConnectorResilienceOptions options)
    {
        // The wire's timeouts and backoff run on the real clock, never on the app's TimeProvider (which the
        // resilience extensions would take from DI). On the app clock, a clock moved forward while a send was in
        // flight fired its timeouts at once: the send Teams had already accepted looked failed, the work item was
        // retried, and the card arrived twice (issue 14, ScheduledTownHallInFlightTests).
        pipeline.TimeProvider = TimeProvider.System;
        pipeline.AddTimeout(options.TotalTimeout);
        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = options.MaxRetryAttempts,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.BaseDelay,
            ShouldRetryAfterHeader = true,
            ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, options)),
        });
        pipeline.AddTimeout(options.AttemptTimeout);
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ConnectorResilienceOptions options)
    {
        if (outcome.Exception is ServiceUrlNotAllowedException)
        {
            return false;
        }

        if (outcome.Exception is HttpRequestException or Polly.Timeout.TimeoutRejectedException)
        {
            return true;
        }

        if (outcome.Result is not { } response)
        {
            return false;
        }

        var status = response.StatusCode;
        if (status == HttpStatusCode.TooManyRequests)
        {
            var wait = ConnectorClient.RetryAfterOf(response);
            return wait is null || wait <= options.MaxInlineRetryAfter;
        }

        return status is HttpStatusCode.PreconditionFailed or HttpStatusCode.RequestTimeout or HttpStatusCode.InternalServerError
            or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
    }
}

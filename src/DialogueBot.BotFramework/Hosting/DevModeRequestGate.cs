using DialogueBot.BotFramework.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DialogueBot.BotFramework.Hosting;

/// <summary>
/// In dev mode, answers 403 to every request <see cref="DevModeGuard.RefusalOf"/> refuses, before any other
/// middleware: dev mode's "loopback means the developer" only holds for a direct loopback connection, and
/// this covers the bot endpoint, the API's dev callers and the tab pages alike. Off dev mode it does nothing.
/// Registered as a startup filter so no app can forget to add it.
/// </summary>
internal sealed class DevModeRequestGate : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<BotAuthenticationOptions>>().Value;
        if (options.DevMode)
        {
            var logger = app.ApplicationServices.GetRequiredService<ILogger<DevModeGuard>>();
            app.Use(async (http, nextMiddleware) =>
            {
                var refusal = DevModeGuard.RefusalOf(http.Request);
                if (refusal is null)
                {
                    await nextMiddleware(http);
                    return;
                }

                logger.LogWarning("Dev mode refused {Method} {Path}: {Reason}.", http.Request.Method, http.Request.Path, refusal);
                // 403, not 421 Misdirected Request: clients may retry a 421 on another connection.
                await Results.Problem(
                    title: "Dev mode serves direct loopback callers only",
                    detail: $"This bot runs in dev mode, without authentication, and refused the request because {refusal}. Call it directly on 127.0.0.1 or localhost, or run it with Bot:AppId set.",
                    statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(http);
            });
        }

        next(app);
    };
}

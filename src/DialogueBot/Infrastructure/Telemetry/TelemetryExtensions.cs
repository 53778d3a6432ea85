using DialogueBot.BotFramework;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace DialogueBot.Infrastructure.Telemetry;

public static class TelemetryExtensions
{
    public const string ServiceName = "DialogueBot";

    /// <summary>
    /// Traces and metrics for the web pipeline, outgoing HTTP (the Connector), the protocol library and
    /// background work. Exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (Application Insights
    /// or any collector); otherwise collected and dropped at no cost.
    /// </summary>
    public static WebApplicationBuilder AddDialogueBotTelemetry(this WebApplicationBuilder builder)
    {
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (builder.Configuration.GetValue<bool>("Logging:Json"))
        {
            builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);
        }

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName))
            .WithTracing(t =>
            {
                t.AddAspNetCoreInstrumentation(o => o.Filter = http => http.Request.Path != "/healthz")
                    .AddHttpClientInstrumentation()
                    .AddSource(BotFrameworkTelemetry.Name, WorkTelemetry.Name, AppTelemetry.Name)
                    // The Azure SDK's own spans (Azure.Core.Http: each storage request) carry the request URL:
                    // listened to here so the redaction below applies to them like to every other span.
                    .AddSource("Azure.*")
                    // Before any exporter: they must only ever see spans without keys, ids or addresses.
                    .AddProcessor(new TelemetryRedactionProcessor());
                if (otlp)
                {
                    t.AddOtlpExporter();
                }
            })
            .WithMetrics(m =>
            {
                m.AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddMeter(BotFrameworkTelemetry.Name, WorkTelemetry.Name, AppTelemetry.Name);
                if (otlp)
                {
                    m.AddOtlpExporter();
                }
            });
        _ = otel;
        return builder;
    }
}

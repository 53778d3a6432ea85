using DialogueBot.Conversations;
using DialogueBot.Infrastructure.Storage;

namespace DialogueBot.Infrastructure;

/// <summary>GET /healthz: 200 when storage answers, 503 when it does not. Used by App Service health checks.</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", async (AppStorage storage, CancellationToken cancellationToken) =>
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                await foreach (var _ in storage.Table(ConversationReferenceRepository.TableName).QueryAsync<Azure.Data.Tables.TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: timeout.Token).AsPages(pageSizeHint: 1))
                {
                    break;
                }

                return Results.Ok(new { status = "healthy", storage = "ok" });
            }
            catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException or OperationCanceledException or AggregateException)
            {
                return Results.Json(new { status = "unhealthy", storage = "unreachable" }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        }).ExcludeFromDescription();
        return endpoints;
    }
}

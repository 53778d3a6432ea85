using DialogueBot.Infrastructure.Api;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Org;

namespace DialogueBot.Infrastructure;

/// <summary>Operator views: work parked as poison, so nothing fails silently.</summary>
public static class OpsEndpoints
{
    public static IEndpointRouteBuilder MapOpsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/ops/poison", async (PoisonWork poison, CancellationToken cancellationToken) =>
        {
            var rows = await poison.ListAsync(100, cancellationToken);
            return Results.Ok(rows.Select(r => new { kind = r.PartitionKey, key = r.Key, reason = r.Reason, parkedAt = r.ParkedAt, attempts = r.Attempts }));
        }).RequireOrgRole(OrgRole.HR);
        return endpoints;
    }
}

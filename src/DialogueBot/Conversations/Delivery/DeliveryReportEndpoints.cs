using DialogueBot.SkipLevel;
using DialogueBot.Infrastructure.Api;
using DialogueBot.Org;
using DialogueBot.Pulse.Delivery;
using DialogueBot.Pulse.Runs;
using DialogueBot.SkipLevel.Pairs;
using DialogueBot.SkipLevel.Prompts;
using DialogueBot.TownHall;
using DialogueBot.TownHall.TownHalls;

namespace DialogueBot.Conversations.Delivery;

/// <summary>
/// The delivery reports as JSON, for the owners of each fan-out: a pulse run and its reminder (HR and
/// executives; counts only), a town hall's announcement and summary (HR and executives; names of the
/// unreachable), a skip-level round (HR; names of the unreachable). An unknown id is a 404.
/// </summary>
public static class DeliveryReportEndpoints
{
    private const OrgRole Owners = OrgRole.HR | OrgRole.Executive;

    public static IEndpointRouteBuilder MapDeliveryReportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/deliveries").WithTags("Delivery");
        group.MapGet("/pulse-runs/{runId}", PulseRunAsync).RequireOrgRole(Owners);
        group.MapGet("/townhalls/{id}", TownHallAsync).RequireOrgRole(Owners);
        group.MapGet("/skiplevel/{programmeId}/{cycle:int}", SkipLevelAsync).RequireOrgRole(OrgRole.HR);
        return endpoints;
    }

    private static async Task<IResult> PulseRunAsync(string runId, PulseRunRepository runs, DeliveryReports reports, CancellationToken ct)
    {
        if (await runs.FindAsync(runId, ct) is null)
        {
            return Results.NotFound(new { error = "No such pulse run." });
        }

        return Results.Ok(new
        {
            pulse = await reports.ReadAsync(PulseDeliveryReports.Run(runId), ReportDetail.CountsOnly, null, ct),
            reminder = await reports.ReadAsync(PulseDeliveryReports.Reminder(runId), ReportDetail.HandledOnly, null, ct),
        });
    }

    private static async Task<IResult> TownHallAsync(string id, TownHallRepository townHalls, OrgDirectory directory, DeliveryReports reports, CancellationToken ct)
    {
        if (await townHalls.FindAsync(id, ct) is not { } townHall)
        {
            return Results.NotFound(new { error = "No such town hall." });
        }

        var audience = TownHallDeliveryReports.Audience(townHall, await directory.GetAsync(ct));
        return Results.Ok(new
        {
            announcement = await reports.ReadAsync(TownHallDeliveryReports.Of(id, DeliveryKind.Announcement), ReportDetail.Named, audience, ct),
            summary = await reports.ReadAsync(TownHallDeliveryReports.Of(id, DeliveryKind.Summary), ReportDetail.Named, audience, ct),
        });
    }

    private static async Task<IResult> SkipLevelAsync(string programmeId, int cycle, SkipLevelPairRepository pairs, OrgDirectory directory, DeliveryReports reports, CancellationToken ct)
    {
        var pairsOfCycle = await pairs.ListCycleAsync(programmeId, cycle, ct);
        if (pairsOfCycle.Count == 0)
        {
            return Results.NotFound(new { error = "No such skip-level round." });
        }

        var org = await directory.GetAsync(ct);
        var audience = pairsOfCycle.SelectMany(p => new[] { p.LeaderId, p.ManagerId }).Distinct(StringComparer.Ordinal).Select(org.FindById).OfType<OrgPerson>().ToList();
        var rounds = new Dictionary<string, DeliveryReport>(StringComparer.Ordinal);
        foreach (var kind in new[] { SkipLevelWorkKinds.Prompt, SkipLevelWorkKinds.Reminder, SkipLevelWorkKinds.FollowUp })
        {
            // Every side of every pair is prompted; reminders and follow-ups only where they still apply.
            var expected = kind == SkipLevelWorkKinds.Prompt ? pairsOfCycle.Count * 2 : (int?)null;
            rounds[kind] = await reports.ReadAsync(SkipLevelDeliveryReports.Round(programmeId, cycle, kind), ReportDetail.Named, audience, ct, expected);
        }

        return Results.Ok(rounds);
    }
}

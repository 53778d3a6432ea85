using DialogueBot.Infrastructure.Api;

namespace DialogueBot.Org.Graph;

/// <summary>
/// Apply or set aside a proposal waiting for HR from the management tab: the same decision as the review
/// card's Apply and Not now, through the same service, which decides who may review (HR of the chart in
/// force, or the HR group before the first chart: nobody holds a chart role yet then, so the endpoint asks
/// only for a signed-in caller and leaves the role to the service).
/// </summary>
public static class GraphReviewEndpoints
{
    public static RouteGroupBuilder MapGraphReview(this RouteGroupBuilder group)
    {
        group.MapPost("/proposals/{proposalId}/apply", (string proposalId, HttpContext http, GraphOrgSync sync, CancellationToken ct) =>
            ReviewAsync(sync.ApproveAsync(proposalId, http.GetCaller().AadObjectId, ct))).RequireOrgRole(OrgRole.None);
        group.MapPost("/proposals/{proposalId}/reject", (string proposalId, HttpContext http, GraphOrgSync sync, CancellationToken ct) =>
            ReviewAsync(sync.RejectAsync(proposalId, http.GetCaller().AadObjectId, ct))).RequireOrgRole(OrgRole.None);
        return group;
    }

    private static async Task<IResult> ReviewAsync(Task<GraphReviewResult> review) => (await review) switch
    {
        { Outcome: GraphReviewOutcome.Applied, Diff: var diff } => Results.Ok(new GraphReviewAnswer("applied", diff?.Joined.Count, diff?.Left.Count, diff?.Moved.Count)),
        { Outcome: GraphReviewOutcome.Rejected } => Results.Ok(new GraphReviewAnswer("rejected")),
        { Outcome: GraphReviewOutcome.NotAllowed } => Results.Problem(title: "Forbidden", detail: "Only HR of the org chart in force reviews changes from Entra ID.", statusCode: StatusCodes.Status403Forbidden),
        _ => Results.Problem(title: "Out of date", detail: "This proposal was already decided or replaced by a newer sync.", statusCode: StatusCodes.Status409Conflict),
    };
}

public sealed record GraphReviewAnswer(string Outcome, int? Joined = null, int? Left = null, int? Moved = null);

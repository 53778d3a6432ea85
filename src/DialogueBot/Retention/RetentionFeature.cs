using DialogueBot.Infrastructure.Api;
using DialogueBot.Infrastructure.Storage;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Org;
using DialogueBot.Retention.Erasures;

namespace DialogueBot.Retention;

/// <summary>
/// Retention and erasure: a daily purge that applies the <c>Retention:</c> periods, and HR's "erase this
/// person". See README.md, "Retention and erasure".
/// </summary>
public static class RetentionFeature
{
    public static IServiceCollection AddRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.SectionName))
            .Validate(o => !o.Problems().Any(), "Retention: a period is shorter than a day, or comments outlive their responses, or finished work is kept under 8 days (see RetentionOptions).")
            .ValidateOnStart();
        services.AddTable(ErasureRepository.TableName);
        services.AddSingleton<ErasureRepository>();
        services.AddSingleton<RetentionPurge>();
        services.AddSingleton<PersonEraser>();
        services.AddWorkHandler<RetentionPurgeHandler>();
        services.AddHostedService<RetentionPurgeStarter>();
        return services;
    }

    public static IEndpointRouteBuilder MapRetentionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/org/people/{personId}/erase", EraseAsync).RequireOrgRole(OrgRole.HR).WithTags("Org");
        return endpoints;
    }

    private static async Task<IResult> EraseAsync(string personId, HttpContext http, PersonEraser eraser, CancellationToken cancellationToken)
    {
        var id = personId.Trim();
        // The same rule as the org chart import's 'id' column: anything else cannot be anyone's id.
        if (id.Length is 0 or > 100 || id.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
        {
            return Results.Problem(title: "Not a person id", detail: "Give the org chart id of the person (1–100 characters, without / \\ # ? or control characters), as in the 'id' column of the org chart.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (string.Equals(http.GetCaller().Person?.Id, id, StringComparison.OrdinalIgnoreCase))
        {
            return Results.Problem(title: "Cannot erase yourself", detail: "HR cannot erase their own record (they would lose access half-way). Ask another HR person.", statusCode: StatusCodes.Status400BadRequest);
        }

        var report = await eraser.EraseAsync(id, cancellationToken);
        return report is null
            ? Results.Problem(title: "Unknown person", detail: $"Nobody with the id '{id}' is in the org chart, and nobody with that id was erased.", statusCode: StatusCodes.Status404NotFound)
            : Results.Ok(report);
    }
}

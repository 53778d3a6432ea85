using DialogueBot.Demo;
using DialogueBot.Org;
using DialogueBot.Recognition.Model;

namespace DialogueBot.Recognition;

/// <summary>
/// For `make run`: a few nominations on the demo org, through the service (so the rules hold): two featured
/// (on the demo town hall's board), one approved, one pending, one declined. Fixed submit ids make a second
/// run find them instead of adding more.
/// </summary>
public sealed class RecognitionDemoSeed(RecognitionService service, OrgDirectory directory, ILogger<RecognitionDemoSeed> logger) : IDemoSeed
{
    /// <summary>(nominator, nominee, category, story, review) — the review is done by Patti Fernandez (HR).</summary>
    public static IReadOnlyList<(string Nominator, string Nominee, string Category, string Story, ReviewAction? Review)> Nominations { get; } =
    [
        ("p13", "p14", "coaching", "Pradeep spent two evenings a week for a month pairing with our two new graduates on the deploy pipeline. Both now run releases on their own.", ReviewAction.Feature),
        ("p16", "p15", "result", "Henrietta got the checkout rewrite over the line a sprint early, and kept the team out of weekend work while doing it.", ReviewAction.Feature),
        ("p19", "p18", "transition", "Enrico took over the Rome warehouse team in the middle of the system migration and kept every shipment on time.", ReviewAction.Approve),
        ("p21", "p20", "wellbeing", "Debra pushed back on the holiday on-call rota and got a fairer one agreed for the whole Service team.", null),
        ("p24", "p23", "collaboration", "Raul set up the weekly planning sync with Engineering that finally made our forecasts line up.", ReviewAction.Decline),
    ];

    public const string Reviewer = "p05";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var org = await directory.GetAsync(cancellationToken);
        Caller As(string id) => new(org.FindById(id)?.AadObjectId?.ToLowerInvariant() ?? "", org.FindById(id));
        var seeded = 0;
        for (var i = 0; i < Nominations.Count; i++)
        {
            var (nominator, nominee, category, story, review) = Nominations[i];
            var result = await service.NominateAsync(As(nominator), new NominationInput(nominee, category, story, $"demo-recognition-{i:00}-seed"), cancellationToken);
            if (!result.Ok)
            {
                logger.LogWarning("Demo: nomination {Index} not seeded: {Message}", i, result.Message);
                continue;
            }

            if (review is { } action && !result.Repeated)
            {
                await service.ReviewAsync(As(Reviewer), result.Nomination!.Id, action, action == ReviewAction.Decline ? "Already recognised for this in the Q3 awards." : null, cancellationToken);
            }

            seeded += result.Repeated ? 0 : 1;
        }

        logger.LogInformation("Demo: seeded {Count} recognition nominations.", seeded);
    }
}

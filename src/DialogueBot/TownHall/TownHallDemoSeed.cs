using DialogueBot.Demo;
using DialogueBot.Org;
using DialogueBot.TownHall.TownHalls;

namespace DialogueBot.TownHall;

/// <summary>For `make run`: an upcoming company town hall with a few questions and votes, when there is none.</summary>
public sealed class TownHallDemoSeed(TownHallRepository townHalls, TownHallService service, OrgDirectory directory, TimeProvider time, ILogger<TownHallDemoSeed> logger) : IDemoSeed
{
    public const string DemoId = "thdemo0001";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await townHalls.FindAsync(DemoId, cancellationToken) is not null)
        {
            return;
        }

        var now = time.GetUtcNow();
        var townHall = await townHalls.CreateAsync(new TownHallEntity
        {
            RowKey = DemoId,
            Title = "Q3 company town hall",
            HostIds = "p01;p02",
            OpensAt = now.AddDays(-1),
            ClosesAt = now.AddDays(7),
            EventAt = now.AddDays(7).AddHours(1),
            AnonymousByDefault = true,
            CreatedBy = "p05",
        }, cancellationToken);

        var org = await directory.GetAsync(cancellationToken);
        Caller As(string id) => new(org.FindById(id)!.AadObjectId!.ToLowerInvariant(), org.FindById(id));

        var asked = new (string Asker, string Text, bool Anonymous, string[] Voters)[]
        {
            ("p13", "Will the hiring freeze affect backfills for people who leave?", true, ["p14", "p15", "p16", "p17", "p18"]),
            ("p15", "How will the new pricing model change our targets for next year?", false, ["p16", "p23", "p24"]),
            ("p20", "What is the plan for the Service team's on-call load after the reorg?", true, ["p21", "p19", "p09", "p18"]),
            ("p24", "Can we get clarity on the remote-work policy before the summer?", true, ["p25"]),
        };
        foreach (var (asker, text, anonymous, voters) in asked)
        {
            var result = await service.AskAsync(As(asker), townHall.Id, text, anonymous, follow: false, force: true, askId: null, cancellationToken);
            foreach (var voter in voters)
            {
                await service.SetVoteAsync(As(voter), townHall.Id, result.Question!.Id, on: true, cancellationToken);
            }
        }

        logger.LogInformation("Demo: seeded the town hall {Title} with {Count} questions.", townHall.Title, asked.Length);
    }
}

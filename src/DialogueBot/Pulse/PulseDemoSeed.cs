using System.Globalization;
using System.Text.Json;
using DialogueBot.Demo;
using DialogueBot.Org;
using DialogueBot.Pulse.Answering;
using DialogueBot.Pulse.Cards;
using DialogueBot.Pulse.Lifecycle;
using DialogueBot.Pulse.Model;
using DialogueBot.Pulse.Runs;
using Microsoft.Extensions.Options;

namespace DialogueBot.Pulse;

/// <summary>
/// For `make run`, seeding only what is missing (a second start on kept data adds nothing twice):
/// a weekly pulse with two closed runs answered by most managers, so `results` shows figures and a trend
/// at once, and an open pulse for every manager, so Alex gets a pulse card right after installing.
/// The seeded answers are pressed like real ones (<see cref="PulseAnswering"/>) and published by the real
/// close (<see cref="PulseService.CloseAsync"/>): the demo stores nothing a real pulse would not.
/// </summary>
public sealed class PulseDemoSeed(PulseService service, PulseAnswering answering, OrgDirectory directory, IOptions<PulseOptions> options, TimeProvider time, ILogger<PulseDemoSeed> logger) : IDemoSeed
{
    public const string ClosedTitle = "Weekly engagement check-in";
    public const string OpenTitle = "Q3 strategy check-in";

    /// <summary>Runs of the closed pulse the demo shows (two: the smallest trend).</summary>
    public const int ClosedRuns = 2;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var pulses = await service.ListAsync(cancellationToken);
        await SeedClosedAsync(pulses.FirstOrDefault(p => p.Definition.Title == ClosedTitle), cancellationToken);
        if (!pulses.Any(p => p.Definition.Title != ClosedTitle && p.Latest?.IsOpenAt(time.GetUtcNow()) == true))
        {
            // None open (a first start, or the last one closed since the previous start): a fresh one, opened
            // here rather than by the scheduler's next poll, so the demo (and a second start right after)
            // finds it open at once. OpenAsync is idempotent: the scheduled open that follows changes nothing.
            var open = await CreateAsync(OpenTitle, recurrence: null, cancellationToken);
            await service.OpenAsync(open.Run!.Id, cancellationToken);
        }
    }

    private async Task SeedClosedAsync(PulseSummary? pulse, CancellationToken cancellationToken)
    {
        var pulseId = pulse?.Definition.Id ?? (await CreateAsync(ClosedTitle, "0 9 * * 1", cancellationToken)).Definition!.Id;
        for (var sequence = 1; sequence <= ClosedRuns; sequence++)
        {
            var run = (await service.FindAsync(pulseId, cancellationToken))!.Runs.FirstOrDefault(r => r.Sequence == sequence);
            if (run is null)
            {
                return; // a pulse of an older demo without recurrence: leave it as it is
            }

            if (run.Status == RunStatus.Closed)
            {
                continue;
            }

            // The next run is scheduled for next week by the close of this one; the demo opens it now.
            await service.OpenAsync(run.Id, cancellationToken);
            await AnswerAsync(run.Id, sequence, cancellationToken);
            while (!await service.CloseAsync(run.Id, cancellationToken))
            {
                await Task.Delay(options.Value.CloseGrace, time, cancellationToken); // the close waits out the grace for answers in flight
            }
        }

        logger.LogInformation("Demo: the pulse {Title} has {Count} closed runs with results.", ClosedTitle, ClosedRuns);
    }

    private async Task<PulseCreation> CreateAsync(string title, string? recurrence, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var outcome = await service.CreateAsync(new PulseDraft
        {
            Title = title,
            Questions = PulseTemplates.All[0].Questions.Select(QuestionDraft.Of).ToList(),
            Audience = new AudienceDraft(ManagersOnly: true),
            OpensAt = now,
            ClosesAt = now.AddDays(5),
            Recurrence = recurrence,
        }, cancellationToken);
        return outcome.Created
            ? outcome
            : throw new InvalidOperationException("The demo pulse is invalid: " + string.Join("; ", outcome.Errors.SelectMany(e => e.Value)));
    }

    /// <summary>Most managers answer (all but every fourth), each press as their own card would send it; a repeat is refused as already answered.</summary>
    private async Task AnswerAsync(string runId, int sequence, CancellationToken cancellationToken)
    {
        var managers = (await directory.GetAsync(cancellationToken)).People
            .Where(p => p.IsActive && p.Roles.HasFlag(OrgRole.Manager) && p.AadObjectId is not null)
            .OrderBy(p => p.Id, StringComparer.Ordinal)
            .ToList();
        for (var i = 0; i < managers.Count; i++)
        {
            if ((i + sequence) % 4 == 0)
            {
                continue;
            }

            var person = managers[i];
            var data = new PulseAnswerData(runId, PulseQuestionCard.Version) { Inputs = DemoAnswers(i, sequence) };
            var result = await answering.AnswerAsync(new Caller(person.AadObjectId!.ToLowerInvariant(), person), data, clientTimeZone: null, cancellationToken);
            if (result.Outcome is not (AnswerOutcome.Ready or AnswerOutcome.AlreadyAnswered))
            {
                throw new InvalidOperationException($"A demo answer was refused: {result.Outcome} {string.Join("; ", result.Errors.Values)}");
            }
        }
    }

    /// <summary>Plausible answers that vary by person, a little better in the second run (so the trend moves).</summary>
    private static Dictionary<string, JsonElement> DemoAnswers(int i, int sequence)
    {
        string[] comments =
        [
            "More context on why priorities changed would help.", "", "The all-hands recap was useful, keep it.",
            "Please share the hiring plan earlier.", "", "Fewer surprises in the roadmap, please.", "",
        ];
        var better = sequence - 1;
        var values = new Dictionary<string, string>
        {
            ["q1"] = Math.Clamp(2 + ((i * 5) % 3) + better, 1, 5).ToString(CultureInfo.InvariantCulture),
            ["q2"] = Math.Clamp(5 + ((i * 7) % 5) + better, 0, 10).ToString(CultureInfo.InvariantCulture),
            ["q3"] = ((i * 3 + sequence) % 4).ToString(CultureInfo.InvariantCulture), // the choice's index, as the card sends it
            ["q4"] = comments[(i * 2 + sequence) % comments.Length],
        };
        return values.ToDictionary(v => v.Key, v => JsonSerializer.SerializeToElement(v.Value));
    }
}

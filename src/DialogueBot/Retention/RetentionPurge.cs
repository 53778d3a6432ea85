using System.Globalization;
using Azure.Data.Tables;
using DialogueBot.Infrastructure.Storage;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Pulse.Definitions;
using DialogueBot.Pulse.Model;
using DialogueBot.Pulse.Responses;
using DialogueBot.Pulse.Runs;
using DialogueBot.SkipLevel.Pairs;
using DialogueBot.TownHall.QuestionFollowers;
using DialogueBot.TownHall.Questions;
using DialogueBot.TownHall.QuestionVotes;
using DialogueBot.TownHall.TownHalls;
using Microsoft.Extensions.Options;

namespace DialogueBot.Retention;

/// <summary>
/// Applies the retention periods once. Idempotent: it only ever removes what is past its period, so a
/// repeated or overlapping run finds nothing more to do. Rows are changed through
/// <c>TableUpdates.UpdateAsync</c>: a row changed meanwhile is read again and the rule applied to it as it
/// now is, never overwritten; deletes are ETag-checked (RetentionTables).
/// </summary>
public sealed class RetentionPurge(
    AppStorage storage,
    PulseRunRepository runs,
    PulseDefinitionRepository definitions,
    TownHallRepository townHalls,
    IOptions<RetentionOptions> options,
    IEnumerable<IRetentionPurgeParticipant> participants,
    TimeProvider time)
{
    public async Task<PurgeReport> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var o = options.Value;
        var (responses, comments) = await PurgePulsesAsync(now, o, cancellationToken);
        var questions = await PurgeTownHallsAsync(now, o, cancellationToken);
        var notes = await PurgeSkipLevelNotesAsync(now, o, cancellationToken);
        var features = new List<PurgedRows>();
        foreach (var participant in participants)
        {
            features.Add(await participant.PurgeAsync(now, o, cancellationToken));
        }

        var work = await PurgeFinishedWorkAsync(now, o, cancellationToken);
        return new PurgeReport(now, responses, comments, questions, notes, work, features);
    }

    /// <summary>Counts from a run's close (only closed runs: results of a closing run are not final yet).</summary>
    private async Task<(int Responses, int Comments)> PurgePulsesAsync(DateTimeOffset now, RetentionOptions o, CancellationToken cancellationToken)
    {
        var table = storage.Table(PulseResponseRepository.TableName);
        var deleted = 0;
        var blanked = 0;
        foreach (var run in await runs.ListAsync(cancellationToken))
        {
            if (run.Status != RunStatus.Closed)
            {
                continue;
            }

            var age = now - run.ClosesAt;
            if (age >= o.PulseResponses)
            {
                var rows = await table.ListPartitionAsync<PulseResponseEntity>(run.Id, cancellationToken);
                deleted += await RetentionTables.DeleteAsync(table, rows, cancellationToken);
            }
            else if (age >= o.PulseComments)
            {
                var definition = await definitions.FindAsync(run.PulseId, cancellationToken);
                var textQuestions = definition?.Questions.Where(q => q.Kind == QuestionKind.Text).Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
                foreach (var found in await table.ListPartitionAsync<PulseResponseEntity>(run.Id, cancellationToken))
                {
                    var removed = 0;
                    var update = await table.UpdateAsync<PulseResponseEntity>(found.PartitionKey, found.RowKey, row =>
                    {
                        var answers = PulseAnswers.Parse(row.Answers);
                        // Without the definition, keep what reads as a number or choice list and blank the rest:
                        // losing a comment early is better than keeping one past its period.
                        var texts = answers.Keys.Where(k => textQuestions?.Contains(k) ?? !LooksNumeric(answers[k])).ToList();
                        foreach (var key in texts)
                        {
                            answers.Remove(key);
                        }

                        removed = texts.Count;
                        row.Answers = PulseAnswers.Serialize(answers);
                        return texts.Count > 0;
                    }, cancellationToken);
                    blanked += update.Written ? removed : 0;
                }
            }
        }

        return (deleted, blanked);
    }

    /// <summary>Counts from the town hall's close for questions. The town hall row itself (title, hosts, dates) stays.</summary>
    private async Task<int> PurgeTownHallsAsync(DateTimeOffset now, RetentionOptions o, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var townHall in await townHalls.ListAsync(cancellationToken))
        {
            if (now - townHall.ClosesAt < o.TownHallQuestions)
            {
                continue;
            }

            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {townHall.Id}");
            var questionTable = storage.Table(QuestionRepository.TableName);
            deleted += await RetentionTables.DeleteAsync(questionTable, await RetentionTables.QueryAsync(questionTable, filter, cancellationToken), cancellationToken);
            // Votes and follows only make sense beside their question: they go with it.
            foreach (var name in new[] { QuestionVoteRepository.TableName, QuestionFollowerRepository.TableName })
            {
                var table = storage.Table(name);
                await RetentionTables.DeleteAsync(table, await RetentionTables.QueryAsync(table, filter, cancellationToken, ["PartitionKey", "RowKey"]), cancellationToken);
            }
        }

        return deleted;
    }

    /// <summary>Counts from the pair's week (the Monday): the pair row stays (it is the programme's record), its free text goes.</summary>
    private async Task<int> PurgeSkipLevelNotesAsync(DateTimeOffset now, RetentionOptions o, CancellationToken cancellationToken)
    {
        var table = storage.Table(SkipLevelPairRepository.TableName);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var cleared = 0;
        await foreach (var pair in table.QueryAsync<SkipLevelPairEntity>(cancellationToken: cancellationToken))
        {
            if (!DateOnly.TryParseExact(pair.Week, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var week)
                || today.DayNumber - week.DayNumber < o.SkipLevelNotes.TotalDays
                || !HasNotes(pair))
            {
                continue;
            }

            var update = await table.UpdateAsync<SkipLevelPairEntity>(pair.PartitionKey, pair.RowKey, current =>
            {
                if (current.Week != pair.Week || !HasNotes(current))
                {
                    return false; // moved to another week or cleared meanwhile: decided afresh on the next run
                }

                ClearNotes(current);
                return true;
            }, cancellationToken);
            cleared += update.Written ? 1 : 0;
        }

        return cleared;
    }

    /// <summary>Finished ledger rows only; a row someone holds (running) is never touched.</summary>
    private async Task<int> PurgeFinishedWorkAsync(DateTimeOffset now, RetentionOptions o, CancellationToken cancellationToken)
    {
        var table = storage.Table(WorkLedger.TableName);
        var cutoff = now - o.FinishedWork;
        var cutoffDay = cutoff.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var filter = TableClient.CreateQueryFilter($"State eq {WorkLedgerEntity.Done} and CompletedDay lt {cutoffDay}");
        return await RetentionTables.DeleteAsync(table, await RetentionTables.QueryAsync(table, filter, cancellationToken, ["PartitionKey", "RowKey"]), cancellationToken);
    }

    internal static bool HasNotes(SkipLevelPairEntity pair) =>
        !string.IsNullOrEmpty(pair.LeaderFollowUp) || !string.IsNullOrEmpty(pair.ManagerFollowUp) || !string.IsNullOrEmpty(pair.DeclineReason) || pair.AgendaJson is not ("[]" or "");

    internal static void ClearNotes(SkipLevelPairEntity pair)
    {
        pair.LeaderFollowUp = null;
        pair.ManagerFollowUp = null;
        pair.DeclineReason = null;
        pair.AgendaJson = "[]";
    }

    private static bool LooksNumeric(string value) => value.Length > 0 && value.All(c => char.IsAsciiDigit(c) || c == ';');
}

/// <summary>What one purge run removed (counts only: nothing here names anyone).</summary>
/// <param name="Features">What each feature's own purge (<see cref="IRetentionPurgeParticipant"/>) removed.</param>
public sealed record PurgeReport(DateTimeOffset RanAt, int ResponsesDeleted, int CommentsBlanked, int QuestionsDeleted, int PairsNotesCleared, int FinishedWorkDeleted, IReadOnlyList<PurgedRows> Features)
{
    /// <summary>Everything this run removed, across every table.</summary>
    public int Total => ResponsesDeleted + CommentsBlanked + QuestionsDeleted + PairsNotesCleared + FinishedWorkDeleted + Features.Sum(f => f.Rows);

    public override string ToString() =>
        string.Join(", ", new[] { $"{ResponsesDeleted} responses deleted", $"{CommentsBlanked} comments blanked", $"{QuestionsDeleted} questions deleted", $"{PairsNotesCleared} pairs' notes cleared" }
            .Concat(Features.Select(f => f.ToString())).Append($"{FinishedWorkDeleted} finished work rows deleted"));
}

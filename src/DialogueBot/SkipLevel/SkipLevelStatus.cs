using System.Globalization;
using System.Text;
using DialogueBot.Infrastructure.Api;
using DialogueBot.Org;
using DialogueBot.SkipLevel.Pairs;
using DialogueBot.SkipLevel.Programmes;

namespace DialogueBot.SkipLevel;

/// <summary>
/// HR's view of a programme: how many pairs met, per leader, and which are overdue. States and weeks
/// only; never the follow-up notes or decline reasons, which belong to the pair.
/// </summary>
public sealed record ProgrammeStatus(
    string ProgrammeId,
    string Name,
    ProgrammeState State,
    int LaunchedCycle,
    int Pairs,
    int Done,
    int Missed,
    int Declined,
    int Open,
    double CompletionRate,
    IReadOnlyList<LeaderStatus> Leaders,
    IReadOnlyList<PairStatus> Overdue,
    IReadOnlyList<PairStatus> AllPairs)
{
    /// <summary>Pairs meet once per cycle; a pair done over the pairs planned.</summary>
    public static ProgrammeStatus From(SkipLevelProgrammeEntity programme, IReadOnlyList<SkipLevelPairEntity> pairs, OrgSnapshot org, DateOnly today)
    {
        string NameOf(string id) => org.FindById(id)?.Name ?? $"{id} (left)";
        var rows = pairs
            .OrderBy(p => p.Cycle).ThenBy(p => p.Week, StringComparer.Ordinal).ThenBy(p => p.LeaderId, StringComparer.Ordinal).ThenBy(p => p.ManagerId, StringComparer.Ordinal)
            .Select(p => new PairStatus(p.Cycle, p.PairId, p.LeaderId, NameOf(p.LeaderId), p.ManagerId, NameOf(p.ManagerId), p.Week, p.State, p.IsOpen && p.WeekDate.AddDays(7) <= today))
            .ToList();
        var leaders = rows.GroupBy(r => r.LeaderId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new LeaderStatus(g.Key, g.First().LeaderName, g.Count(), g.Count(r => r.State == PairState.Done), Rate(g.Count(r => r.State == PairState.Done), g.Count()), g.Count(r => r.Overdue)))
            .ToList();
        var done = rows.Count(r => r.State == PairState.Done);
        return new ProgrammeStatus(
            programme.Id,
            programme.Name,
            programme.State,
            programme.LaunchedCycle,
            rows.Count,
            done,
            rows.Count(r => r.State == PairState.Missed),
            rows.Count(r => r.State == PairState.Declined),
            rows.Count(r => r.State is PairState.Proposed or PairState.Confirmed or PairState.Rescheduled),
            Rate(done, rows.Count),
            leaders,
            rows.Where(r => r.Overdue).ToList(),
            rows);
    }

    public string ToCsv()
    {
        var csv = new StringBuilder("cycle,leaderId,leaderName,managerId,managerName,week,state,overdue\n");
        foreach (var row in AllPairs)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{row.Cycle},{CsvExport.Cell(row.LeaderId)},{CsvExport.Cell(row.LeaderName)},{CsvExport.Cell(row.ManagerId)},{CsvExport.Cell(row.ManagerName)},{row.Week},{PairStates.ToStored(row.State)},{(row.Overdue ? "yes" : "no")}\n");
        }

        return csv.ToString();
    }

    private static double Rate(int done, int all) => all == 0 ? 0 : Math.Round((double)done / all, 3);
}

public sealed record LeaderStatus(string LeaderId, string LeaderName, int Pairs, int Done, double CompletionRate, int Overdue);

public sealed record PairStatus(int Cycle, string PairId, string LeaderId, string LeaderName, string ManagerId, string ManagerName, string Week, PairState State, bool Overdue);

using System.Globalization;
using System.Text;
using DialogueBot.Org;

namespace DialogueBot.Tests.SkipLevel;

/// <summary>
/// A generated org chart with an uneven tree: branches of very different depths, some people with reports
/// who are explicitly not managers (so the fallback rule is needed), and some people on leave. Seeded, so
/// every run sees the same org.
/// </summary>
public static class GeneratedOrg
{
    public static IReadOnlyList<OrgPerson> Build(int size, int seed = 2026)
    {
        var random = new Random(seed);
        var csv = new StringBuilder("id,email,name,managerId,orgUnit,role,status\n");
        var units = new List<string> { "Org" };
        var unitOf = new List<string> { "Org" };
        csv.Append("g0000,g0000@gen.example,Person 0,,Org,executive,active\n");
        const int executives = 8;
        for (var i = 1; i < size; i++)
        {
            int parent;
            if (i <= executives)
            {
                parent = 0;
            }
            else if (random.NextDouble() < 0.35)
            {
                parent = random.Next(1, i); // somewhere shallow-ish: wide, flat parts
            }
            else
            {
                parent = random.Next(Math.Max(1, i - 25), i); // a recent person: deep chains
            }

            var unit = i <= executives ? $"Org/U{i}" : unitOf[parent];
            unitOf.Add(unit);
            var role = i <= executives ? "executive" : random.NextDouble() < 0.04 ? "member" : "";
            var status = random.NextDouble() < 0.02 ? "leave" : "active";
            csv.Append(CultureInfo.InvariantCulture, $"g{i:0000},g{i:0000}@gen.example,Person {i},g{parent:0000},{unit},{role},{status}\n");
        }

        var parsed = OrgChartCsv.Parse(csv.ToString());
        if (!parsed.IsValid)
        {
            throw new InvalidOperationException(string.Join("\n", parsed.Errors.Take(5)));
        }

        return parsed.People;
    }

    public static IReadOnlyList<T> Shuffle<T>(IReadOnlyList<T> items, int seed)
    {
        var copy = items.ToArray();
        new Random(seed).Shuffle(copy);
        return copy;
    }
}

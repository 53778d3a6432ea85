using System.Globalization;

namespace DialogueBot.Testing;

/// <summary>Entra ID tenants for the Graph stub: a small named one for tests, a generated large one for the benchmark.</summary>
public static class GraphTenants
{
    public const string HrGroupId = "g0000000-0000-4000-8000-0000000000h1";
    public const string ExecutiveGroupId = "g0000000-0000-4000-8000-0000000000e1";

    public static string IdOf(int n) => string.Create(CultureInfo.InvariantCulture, $"a0000000-0000-4000-8000-{n:D12}");

    /// <summary>
    /// Ten people: Cleo (CEO, executive group) → Hana (HR, HR group), Eric (Engineering head) → Ada, Bo, Cy;
    /// Sara (Sales head) → Dee, Eve; and Finn reporting to Hana.
    /// </summary>
    public static void SeedSmall(GraphStub stub)
    {
        stub.AddUsers(
            new StubUser(IdOf(1), "Cleo Chief", "cleo@contoso.test", "Board", "CEO"),
            new StubUser(IdOf(2), "Hana People", "hana@contoso.test", "People", "HR director", IdOf(1)),
            new StubUser(IdOf(3), "Eric Engineer", "eric@contoso.test", "Engineering", "VP Engineering", IdOf(1)),
            new StubUser(IdOf(4), "Ada Lovelace", "ada@contoso.test", "Engineering", "Engineer", IdOf(3)),
            new StubUser(IdOf(5), "Bo Builder", "bo@contoso.test", "Engineering", "Engineer", IdOf(3)),
            new StubUser(IdOf(6), "Cy Coder", "cy@contoso.test", "Engineering", "Engineer", IdOf(3)),
            new StubUser(IdOf(7), "Sara Seller", "sara@contoso.test", "Sales", "VP Sales", IdOf(1)),
            new StubUser(IdOf(8), "Dee Dealer", "dee@contoso.test", "Sales", "Account manager", IdOf(7)),
            new StubUser(IdOf(9), "Eve Envoy", "eve@contoso.test", "Sales", "Account manager", IdOf(7)),
            new StubUser(IdOf(10), "Finn Friend", "finn@contoso.test", "People", "HR partner", IdOf(2)));
        stub.SetGroup(HrGroupId, IdOf(2));
        stub.SetGroup(ExecutiveGroupId, IdOf(1));
    }

    /// <summary>
    /// A generated tenant of <paramref name="people"/>: a CEO, then every manager has up to <paramref name="span"/>
    /// reports, departments by branch; 1 % disabled accounts; an HR group of 20 and an executive group of 10.
    /// </summary>
    public static void SeedGenerated(GraphStub stub, int people, int span = 8)
    {
        var users = new List<StubUser>(people);
        for (var n = 1; n <= people; n++)
        {
            var manager = n == 1 ? null : IdOf((n - 2) / span + 1);
            var branch = n <= span + 1 ? n : BranchOf(n, span);
            users.Add(new StubUser(IdOf(n), string.Create(CultureInfo.InvariantCulture, $"Person {n:D6}"), string.Create(CultureInfo.InvariantCulture, $"p{n}@contoso.test"),
                string.Create(CultureInfo.InvariantCulture, $"Division {branch}"), "Staff", manager, AccountEnabled: n % 100 != 0));
        }

        stub.AddUsers(users);
        stub.SetGroup(HrGroupId, Enumerable.Range(2, Math.Min(20, people - 1)).Select(IdOf));
        stub.SetGroup(ExecutiveGroupId, Enumerable.Range(1, Math.Min(10, people)).Select(IdOf));
    }

    private static int BranchOf(int n, int span)
    {
        while (n > span + 1)
        {
            n = (n - 2) / span + 1;
        }

        return n;
    }
}

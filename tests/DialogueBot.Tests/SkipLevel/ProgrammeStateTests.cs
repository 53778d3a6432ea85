using DialogueBot.SkipLevel.Programmes;

namespace DialogueBot.Tests.SkipLevel;

/// <summary>A programme's state is derived from the cycles launched. No host.</summary>
public class ProgrammeStateTests
{
    [Theory]
    [InlineData(0, ProgrammeState.Draft)]
    [InlineData(1, ProgrammeState.Running)]
    [InlineData(2, ProgrammeState.Running)]
    [InlineData(3, ProgrammeState.Complete)]
    public void The_state_follows_the_cycles_launched(int launched, ProgrammeState state)
    {
        // Three six-week cycles fit from 7 December to 14 March.
        var programme = new SkipLevelProgrammeEntity { CadenceWeeks = 6, StartWeek = "2026-12-07", EndDate = "2027-03-14", PerWeekCap = 2, ExecutivesLead = true, LaunchedCycle = launched };

        Assert.Equal(3, programme.ToRules().CycleCount);
        Assert.Equal(state, programme.State);
    }
}

using DialogueBot.TownHall.TownHalls;

namespace DialogueBot.Tests.TownHall;

/// <summary>A town hall's status is derived from its question window and whether it was finished. No host.</summary>
public class TownHallStatusTests
{
    private static readonly DateTimeOffset Opens = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static TownHallEntity Hall(bool finished = false) => new() { OpensAt = Opens, ClosesAt = Opens.AddDays(2), EventAt = Opens.AddDays(3), Finished = finished };

    [Theory]
    [InlineData(-1, TownHallStatus.Upcoming)]
    [InlineData(0, TownHallStatus.Open)]
    [InlineData(47, TownHallStatus.Open)]
    [InlineData(48, TownHallStatus.Closed)]
    public void The_status_follows_the_question_window(int hours, TownHallStatus status)
    {
        Assert.Equal(status, Hall().StatusAt(Opens.AddHours(hours)));
        Assert.Equal(status == TownHallStatus.Open, Hall().IsOpenAt(Opens.AddHours(hours)));
    }

    [Fact]
    public void A_finished_town_hall_is_finished_whatever_its_window_says()
    {
        Assert.Equal(TownHallStatus.Finished, Hall(finished: true).StatusAt(Opens.AddHours(1)));
        Assert.Equal(TownHallStatus.Open, Hall(finished: true).WindowAt(Opens.AddHours(1)));
    }
}

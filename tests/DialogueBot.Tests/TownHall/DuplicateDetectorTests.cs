using DialogueBot.Infrastructure.Text;

namespace DialogueBot.Tests.TownHall;

public class DuplicateDetectorTests
{
    [Theory]
    [InlineData("Will the hiring freeze affect backfills?", "Does the hiring freeze affect backfills too?", true)]
    [InlineData("What's the plan for remote work?", "what is the plan for REMOTE-work", true)]
    [InlineData("Will the hiring freeze affect backfills?", "Is there budget for conference travel?", false)]
    [InlineData("Why?", "How?", false)]
    public void Similar_questions_are_found_and_different_ones_are_not(string a, string b, bool duplicate) =>
        Assert.Equal(duplicate, DuplicateDetector.Similarity(a, b) >= DuplicateDetector.Threshold);
}

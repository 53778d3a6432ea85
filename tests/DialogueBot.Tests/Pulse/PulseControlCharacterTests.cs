using System.Text.Json;
using DialogueBot.Pulse.Definitions;
using DialogueBot.Testing;
using DialogueBot.Testing.Hostile;

namespace DialogueBot.Tests.Pulse;

/// <summary>
/// Issue 12, item 9: NUL, BEL, ESC, a right-to-left override and U+FEFF typed into a pulse (its title
/// through the API, a comment through the card) are removed at the door: never stored, never on the results
/// card, never in the JSON or CSV export.
/// </summary>
public sealed class PulseControlCharacterTests : PulseTest
{
    private const string Comment = "Too many\u0000 meetings\u0007\u001b[2J \u202Egnp.exe\uFEFF, really\r\nsecond line";
    private const string Expected = "Too many meetings[2J gnp.exe, really\nsecond line";

    [Fact]
    public async Task A_comment_and_a_title_with_control_and_bidi_characters_are_stored_shown_and_exported_without_them()
    {
        var (pulseId, runId) = await CreateOpenPulseAsync(EngagementPulse(title: "Check\u0000-in\u202E" + HostilePayloads.DoorControls));
        for (var i = 0; i < 5; i++)
        {
            var card = await AnswerAsync(Managers[i], Answers(runId, 4, 8, 1, i == 0 ? Comment : $"plain comment {i}"));
            Assert.Contains("Thank you", Text(card), StringComparison.Ordinal);
        }

        await CloseAsync(runId);

        var definition = await Bot.Service<PulseDefinitionRepository>().FindAsync(pulseId, CancellationToken.None);
        Assert.Equal("Check-in", definition!.Title);
        var raw = (await new StorageSnapshot(Bot).StringsAsync()).Where(s => HostilePayloads.HasControlOrBidi(s.Value)).ToList();
        Assert.True(raw.Count == 0, "Stored raw: " + string.Join("; ", raw.Select(s => $"{s.Table} {s.Row} {s.Property}")));

        var results = await ResultsAsync(pulseId);
        var comments = results.GetProperty("questions")[3].GetProperty("comments").EnumerateArray().Select(c => c.GetString()!).ToList();
        Assert.Contains(Expected, comments);

        var resultsCard = await Bot.InvokeCardAsync(DemoUsers.Megan(Connector.ServiceUrl).Execute("pulse.results", new { pulseId }));
        Assert.Contains("Too many meetings[2J gnp.exe, really", Text(resultsCard), StringComparison.Ordinal);
        Assert.Empty(CardSafety.Problems(resultsCard));

        using var csvResponse = await GetResultsAsync(pulseId, format: "csv");
        var csv = await csvResponse.Content.ReadAsStringAsync();
        Assert.Contains(",comment,,\"" + Expected + "\"\n", csv, StringComparison.Ordinal);
        Assert.False(HostilePayloads.HasControlOrBidi(csv), "the CSV holds a control or bidi character");
        Assert.Empty(Connector.CardSchemaErrors);
    }
}

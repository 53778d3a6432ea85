using System.Collections.Concurrent;
using System.Diagnostics;
using DialogueBot.Infrastructure.Telemetry;
using DialogueBot.Tests.Pulse;
using DialogueBot.Testing;

namespace DialogueBot.Tests.Infrastructure;

/// <summary>
/// Issue 20: spans the bot emits while a pulse is answered and closed (storage writes of "has answered" rows,
/// the Connector, the results API) carry no query string, no table partition or row key, and no request
/// path with a run id: the Activity objects are captured as the app's OpenTelemetry pipeline leaves them.
/// </summary>
public sealed class TelemetryRedactionTests(SharedBot host) : PulseTest(host), IClassFixture<SharedBot>
{
    [Fact]
    public async Task Spans_of_answering_and_reading_a_pulse_carry_no_keys_queries_or_ids()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        var respondents = Managers.Take(5).ToList();
        var (pulseId, runId) = await CreateOpenPulseAsync();
        foreach (var person in respondents)
        {
            Assert.Contains("Thank", Text(await AnswerAsync(person, Answers(runId, rating: 4, enps: 8, choice: 1))), StringComparison.Ordinal);
        }

        await CloseAsync(runId);
        using (var results = await GetResultsAsync(pulseId, filter: "unit:Engineering"))
        {
            Assert.NotEqual(System.Net.HttpStatusCode.InternalServerError, results.StatusCode);
        }

        // Inspected only now: the app's processor runs when each span ends, after which it is what exporters get.
        var all = spans.ToList();
        var storage = all.Where(a => a.Kind == ActivityKind.Client && (a.GetTagItem("url.full") as string)?.Contains(Bot.Prefix, StringComparison.OrdinalIgnoreCase) == true).ToList();
        Assert.NotEmpty(storage);
        Assert.Contains(storage, a => ((string)a.GetTagItem("url.full")!).EndsWith("/" + Bot.Prefix + "PulseSubmissions", StringComparison.OrdinalIgnoreCase));
        var server = all.Where(a => a.Kind == ActivityKind.Server && a.Source.Name == "Microsoft.AspNetCore").ToList();
        Assert.Contains(server, a => a.GetTagItem("url.path") as string == "/api/pulses/{id}/results");

        var forbidden = new[] { "PartitionKey", "RowKey", "%27", "P|", "P%7C", "?", "sig=", runId, pulseId };
        foreach (var span in all)
        {
            var texts = span.TagObjects.Select(t => $"{t.Key}={t.Value}").Append("name=" + span.DisplayName).ToList();
            foreach (var text in texts)
            {
                // Trace ids and the pulse's own custom tags (none today) are not URLs; every URL-ish tag is checked.
                Assert.False(forbidden.Any(f => text.Contains(f, StringComparison.OrdinalIgnoreCase)), $"{span.Source.Name} span '{span.DisplayName}' keeps {text}");
            }

            Assert.Null(span.GetTagItem("url.query"));
            Assert.Null(span.GetTagItem("client.address"));
        }
    }

    [Theory]
    [InlineData("http://127.0.0.1:10002/devstoreaccount1/t1PulseSubmissions(PartitionKey='r1',RowKey='P%7Chash')?$select=x", "http://127.0.0.1:10002/devstoreaccount1/t1PulseSubmissions")]
    [InlineData("http://127.0.0.1:3979/v3/conversations/a:1/activities/x", "http://127.0.0.1:3979/v3/conversations")]
    [InlineData("https://acct.table.core.windows.net/PulseSubmissions(PartitionKey='r1',RowKey='P|hash')", "https://acct.table.core.windows.net/PulseSubmissions")]
    [InlineData("https://acct.table.core.windows.net/PulseSubmissions%28PartitionKey=%27r%27%29", "https://acct.table.core.windows.net/PulseSubmissions")]
    [InlineData("https://acct.queue.core.windows.net/work/messages/abc?popreceipt=x", "https://acct.queue.core.windows.net/work")]
    [InlineData("https://acct.table.core.windows.net/$batch", "https://acct.table.core.windows.net/$batch")]
    [InlineData("not a url", "(redacted)")]
    public void Urls_keep_the_host_and_the_first_segment_only(string url, string redacted) =>
        Assert.Equal(redacted, TelemetryRedactionProcessor.RedactUrl(url));
}

using System.Net.Http.Headers;
using System.Text.Json;

namespace DialogueBot.Testing.Hostile;

/// <summary>
/// Sends a hostile corpus to one bot host, one request at a time, and judges each answer: never a 5xx;
/// a 4xx where the request is structurally unacceptable; otherwise a 4xx or a polite 200 whose cards
/// (inline invoke answers and those sent to the connector) validate against the schema and carry no live
/// injected markup; no exception logged; and, for every request that was refused, storage exactly as it
/// was before (tables and queues) and nothing sent but the refusal card itself.
/// </summary>
/// <remarks>
/// "Storage as it was" is proven per request by the host's <see cref="StorageWriteLog"/>: no write left the
/// bot's storage clients while the request was handled. Only when a request sent a write (even one that
/// failed) does the runner read every table again, and then judges exactly as a snapshot per request would:
/// a refused request fails when storage differs; an accepted one sets the new baseline. A full snapshot
/// every <see cref="CheckpointEvery"/> requests and at the end must still equal the baseline, so a change
/// that somehow bypassed the clients would fail too (naming the span of requests it happened in).
/// </remarks>
public sealed class HostileRunner(BotAppFactory bot, ConnectorStub connector, LogCapture logs, Func<string?>? bearerToken = null)
{
    /// <summary>Requests between two full snapshots when none of them wrote.</summary>
    public const int CheckpointEvery = 50;

    public int Sent { get; private set; }

    public int Refused { get; private set; }

    public Dictionary<int, int> StatusCounts { get; } = [];

    public async Task<IReadOnlyList<string>> RunAsync(IEnumerable<HostileRequest> corpus)
    {
        var failures = new List<string>();
        var snapshot = new StorageSnapshot(bot);
        var tablesAtStart = await snapshot.ListTablesAsync();
        if (tablesAtStart.Count == 0)
        {
            return [$"no tables with the prefix {bot.Prefix} were found: the storage snapshot would see nothing"];
        }

        if (bot.StorageWrites.Count == 0)
        {
            return ["the host's storage write log saw no write, not even start-up's creating the tables: it is not wired, and the runner would trust it"];
        }

        var baseline = await snapshot.TakeAsync();
        var baselineAfter = "the start";
        var sinceCheckpoint = 0;
        using var client = bot.CreateClient();

        foreach (var request in corpus)
        {
            var writesBefore = bot.StorageWrites.Count;
            var activitiesBefore = connector.Activities.Count;
            var requestsBefore = connector.Requests.Count;
            var schemaErrorsBefore = connector.CardSchemaErrors.Count;
            var logErrorsBefore = logs.Errors.Count;

            var (status, body) = await SendAsync(client, request, bearerToken?.Invoke());
            Sent++;
            StatusCounts[status] = StatusCounts.GetValueOrDefault(status) + 1;

            var problems = new List<string>();
            var refused = status is >= 400 and < 500;
            if (status >= 500)
            {
                problems.Add($"answered {status}");
            }
            else if (request.MustBeRefused && !refused)
            {
                problems.Add($"answered {status} where a 4xx was due");
            }

            if (body.Contains("   at ", StringComparison.Ordinal))
            {
                problems.Add("the answer holds a stack trace");
            }

            if (status is >= 200 and < 300 && body.Length > 0)
            {
                refused |= JudgeInvokeAnswer(body, problems);
            }

            var sent = connector.Activities.Skip(activitiesBefore).ToList();
            foreach (var card in sent.SelectMany(a => a.Cards))
            {
                refused |= JudgeCard(card, "sent card", problems);
            }

            if (status is >= 400 and < 500 && connector.Requests.Count != requestsBefore)
            {
                problems.Add($"refused with {status}, yet {connector.Requests.Count - requestsBefore} connector calls were made");
            }

            problems.AddRange(connector.CardSchemaErrors.Skip(schemaErrorsBefore).Select(e => "sent card fails the schema: " + e));
            problems.AddRange(logs.Errors.Skip(logErrorsBefore).Select(e => "logged an exception: " + e));

            var writes = bot.StorageWrites.Since(writesBefore);
            if (refused)
            {
                Refused++;
            }

            if (writes.Count > 0 || ++sinceCheckpoint >= CheckpointEvery)
            {
                var after = await snapshot.TakeAsync();
                if (refused && writes.Count > 0 && after != baseline)
                {
                    problems.Add($"refused, yet storage changed ({string.Join(", ", writes.Take(5))}): " + StorageSnapshot.Diff(baseline, after));
                }
                else if (writes.Count == 0 && after != baseline)
                {
                    problems.Add($"storage changed with no write from the bot's storage clients, somewhere after {baselineAfter}: " + StorageSnapshot.Diff(baseline, after));
                }

                baseline = after;
                baselineAfter = request.ToString();
                sinceCheckpoint = 0;
            }

            if (problems.Count > 0)
            {
                failures.Add($"{request}: {string.Join(" | ", problems)}");
            }
        }

        var atEnd = await snapshot.TakeAsync();
        if (atEnd != baseline)
        {
            failures.Add($"storage changed with no write from the bot's storage clients, somewhere after {baselineAfter}: " + StorageSnapshot.Diff(baseline, atEnd));
        }

        var tablesAtEnd = await snapshot.ListTablesAsync();
        if (!tablesAtEnd.SequenceEqual(tablesAtStart))
        {
            failures.Add("tables were created during the corpus: " + string.Join(", ", tablesAtEnd.Except(tablesAtStart)));
        }

        return failures;
    }

    private static async Task<(int Status, string Body)> SendAsync(HttpClient client, HostileRequest request, string? token)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/api/messages");
        if (token is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        HttpContent content = request.Chunked ? new StreamContent(new UnknownLengthStream(request.Body)) : new ByteArrayContent(request.Body);
        content.Headers.ContentType = request.ContentType is null ? null : MediaTypeHeaderValue.Parse(request.ContentType);
        message.Content = content;
        using var response = await client.SendAsync(message);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Judges a 200 body (an invoke answer). True when it is a refusal.</summary>
    private static bool JudgeInvokeAnswer(string body, List<string> problems)
    {
        JsonElement answer;
        try
        {
            answer = JsonDocument.Parse(body).RootElement.Clone();
        }
        catch (JsonException)
        {
            problems.Add("a 200 whose body is not JSON: " + (body.Length > 100 ? body[..100] : body));
            return false;
        }

        if (answer.ValueKind != JsonValueKind.Object || !answer.TryGetProperty("type", out var type))
        {
            return false;
        }

        switch (type.GetString())
        {
            case "application/vnd.microsoft.card.adaptive":
                return JudgeCard(answer.GetProperty("value"), "invoke card", problems);
            case "application/vnd.microsoft.error":
                var code = answer.TryGetProperty("statusCode", out var s) && s.TryGetInt32(out var n) ? n : 0;
                if (code is < 400 or >= 500)
                {
                    problems.Add($"an invoke error answer with status {code}");
                }

                return true;
            default:
                return false;
        }
    }

    private static bool JudgeCard(JsonElement card, string what, List<string> problems)
    {
        problems.AddRange(CardSchema.Validate(card).Select(e => $"{what} fails the schema: {e}"));
        problems.AddRange(CardSafety.Problems(card).Select(p => $"{what}: {p}"));
        if (CardSafety.IsUnexpectedFailure(card))
        {
            problems.Add($"{what} is the 'something went wrong' card (a handler threw)");
        }

        return CardSafety.IsRefusal(card);
    }

    /// <summary>A body sent without Content-Length (chunked), so the size limit must hold while reading.</summary>
    private sealed class UnknownLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}

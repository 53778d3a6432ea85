using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DialogueBot.BotFramework.Hosting;
using DialogueBot.BotFramework.Routing;
using DialogueBot.BotFramework.Schema;
using Microsoft.Extensions.Options;

namespace DialogueBot.Testing.Hostile;

/// <summary>
/// Generates the hostile corpus for /api/messages. Card verbs and commands are passed in (read from the
/// running bot's <c>ActivityRouter</c>), so every feature's verbs are fuzzed as soon as it registers them.
/// </summary>
public sealed class HostileCorpus(string serviceUrl, IReadOnlyCollection<string> verbs, IReadOnlyCollection<string> commands, IReadOnlyList<TeamsUser> users, int maxRequestBytes = 256 * 1024)
{
    /// <summary>Field names features use for item ids, versions and answers: garbage goes into each.</summary>
    public static readonly string[] DataFields =
    [
        "id", "pulseId", "questionId", "programmeId", "programId", "promptId", "itemId", "answerId", "version", "cardVersion",
        "answer", "text", "comment", "choice", "rating", "score", "anonymous", "question", "reason", "personId",
    ];

    private int _userIndex;

    /// <summary>The corpus for a running bot: its router's verbs and commands, its request size limit.</summary>
    public static HostileCorpus For(BotAppFactory bot, string serviceUrl, IReadOnlyList<TeamsUser> users)
    {
        var router = bot.Service<ActivityRouter>();
        var limit = bot.Service<IOptions<BotHostingOptions>>().Value.MaxRequestBytes;
        return new HostileCorpus(serviceUrl, router.CardActionVerbs, router.Commands, users, limit);
    }

    public IReadOnlyList<HostileRequest> Generate()
    {
        var all = new List<HostileRequest>();
        all.AddRange(InvalidJson());
        all.AddRange(WrongTypesAndMissingFields());
        all.AddRange(Huge());
        all.AddRange(DeepNesting());
        all.AddRange(UnknownActivityTypes());
        all.AddRange(Invokes());
        all.AddRange(ForgedVerbs());
        all.AddRange(KnownVerbsWithGarbage());
        all.AddRange(HostileTexts());
        all.AddRange(HostileIds());
        all.AddRange(ContentTypes());
        return all;
    }

    private TeamsUser NextUser() => users[_userIndex++ % users.Count];

    private static string Serialize(Activity activity) => JsonSerializer.Serialize(activity, BotJson.Options);

    private JsonObject BaseMessage(string text = "help") => JsonNode.Parse(Serialize(NextUser().Message(text)))!.AsObject();

    private IEnumerable<HostileRequest> InvalidJson()
    {
        const string c = "invalid-json";
        string[] fixedBodies =
        [
            "", " ", "\n", "null", "true", "42", "\"message\"", "[]", "[{}]", "[null]", "{", "}", "{}", "{\"type\":", "{'type':'message'}",
            "{type:message}", "{\"type\":\"message\",}", "{\"type\":\"message\" \"text\":\"x\"}", "\u0000", "{\"type\":NaN}", "{\"type\":Infinity}",
            "{\"type\":undefined}", "{\"type\":\"mess\\age\"}", "{\"type\":\"\\uZZZZ\"}", "<activity type=\"message\"/>", "type=message&text=help",
            "/* comment */ {\"type\":\"message\"}", "{\"type\":\"message\"} {\"type\":\"message\"}", "{\"__proto__\":{\"admin\":true}}",
        ];
        var i = 0;
        foreach (var body in fixedBodies)
        {
            yield return HostileRequest.Json(c, $"fixed #{i++}: {Shorten(body)}", body, mustBeRefused: true);
        }

        var valid = BaseMessage().ToJsonString();
        for (var cut = 1; cut < valid.Length; cut += Math.Max(1, valid.Length / 25))
        {
            yield return HostileRequest.Json(c, $"truncated at {cut}/{valid.Length}", valid[..cut], mustBeRefused: true);
        }

        yield return HostileRequest.Json(c, "trailing garbage", valid + "garbage", mustBeRefused: true);
        yield return HostileRequest.Json(c, "trailing brace", valid + "}", mustBeRefused: true);

        var bytes = Encoding.UTF8.GetBytes(valid.Replace("\"help\"", "\"h__p\"", StringComparison.Ordinal));
        var at = Array.IndexOf(bytes, (byte)'_');
        bytes[at] = 0xFF;
        bytes[at + 1] = 0xFE;
        yield return new HostileRequest(c, "invalid UTF-8 inside a string", bytes, MustBeRefused: true);
        yield return new HostileRequest(c, "UTF-16 body", Encoding.Unicode.GetBytes(valid), MustBeRefused: true);
        yield return new HostileRequest(c, "UTF-8 BOM then a valid activity", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(valid)]);
        yield return HostileRequest.Json(c, "duplicate type key", valid.Replace("{\"type\":\"message\"", "{\"type\":\"invoke\",\"type\":\"message\"", StringComparison.Ordinal));
        yield return new HostileRequest(c, "random bytes", RandomBytes(2048, 7), MustBeRefused: true);
    }

    /// <summary>Each field of a valid activity replaced by each wrong JSON type, then removed.</summary>
    private IEnumerable<HostileRequest> WrongTypesAndMissingFields()
    {
        string[] paths =
        [
            "type", "id", "timestamp", "localTimestamp", "channelId", "serviceUrl", "from", "from.id", "from.name", "from.aadObjectId", "recipient",
            "recipient.id", "conversation", "conversation.id", "conversation.conversationType", "conversation.tenantId", "text", "textFormat",
            "locale", "value", "name", "action", "replyToId", "channelData", "channelData.tenant", "channelData.tenant.id", "attachments",
            "entities", "membersAdded",
        ];
        (string Name, Func<JsonNode?> Value)[] wrongValues =
        [
            ("number", () => JsonValue.Create(42)),
            ("negative float", () => JsonValue.Create(-1.5e300)),
            ("boolean", () => JsonValue.Create(true)),
            ("null", () => null),
            ("array", () => new JsonArray(1, "two", null)),
            ("object", () => new JsonObject { ["unexpected"] = "x" }),
            ("string", () => JsonValue.Create("not-what-you-expect")),
            ("empty string", () => JsonValue.Create("")),
            ("long string", () => JsonValue.Create(new string('9', 5000))),
        ];

        foreach (var path in paths)
        {
            foreach (var (name, value) in wrongValues)
            {
                var activity = BaseMessage();
                Set(activity, path, value());
                yield return HostileRequest.Json("wrong-type", $"{path} = {name}", activity.ToJsonString());
            }

            var missing = BaseMessage();
            Remove(missing, path);
            yield return HostileRequest.Json("missing-field", $"no {path}", missing.ToJsonString());
        }
    }

    private IEnumerable<HostileRequest> Huge()
    {
        const string c = "huge";
        var over = maxRequestBytes + 1024;
        var text = BaseMessage();
        text["text"] = "help " + new string('x', over);
        var body = Encoding.UTF8.GetBytes(text.ToJsonString());
        yield return new HostileRequest(c, "text over the limit (Content-Length)", body, MustBeRefused: true);
        yield return new HostileRequest(c, "text over the limit (chunked, no Content-Length)", body, Chunked: true, MustBeRefused: true);

        var value = BaseMessage();
        value["value"] = new JsonArray(Enumerable.Range(0, over / 4).Select(i => (JsonNode?)JsonValue.Create(i)).ToArray());
        yield return new HostileRequest(c, "value array over the limit", Encoding.UTF8.GetBytes(value.ToJsonString()), Chunked: true, MustBeRefused: true);

        var id = BaseMessage();
        id["from"]!["id"] = "29:" + new string('a', over);
        yield return new HostileRequest(c, "one id over the limit", Encoding.UTF8.GetBytes(id.ToJsonString()), MustBeRefused: true);

        yield return new HostileRequest(c, "4 MB of spaces", Encoding.UTF8.GetBytes(new string(' ', 4 * 1024 * 1024)), Chunked: true, MustBeRefused: true);

        var justUnder = BaseMessage();
        justUnder["text"] = "help " + new string('y', maxRequestBytes - 2048);
        yield return HostileRequest.Json(c, "text just under the limit", justUnder.ToJsonString());

        var longId = BaseMessage();
        longId["conversation"]!["id"] = "a:" + new string('c', 5000);
        yield return HostileRequest.Json(c, "conversation id over 1024 characters", longId.ToJsonString(), mustBeRefused: true);

        var manyEntities = BaseMessage();
        manyEntities["entities"] = new JsonArray(Enumerable.Range(0, 5000).Select(i => (JsonNode?)new JsonObject { ["type"] = "mention", ["text"] = "<at>x</at>" }).ToArray());
        yield return HostileRequest.Json(c, "5000 entities", manyEntities.ToJsonString());

        var manyMembers = JsonNode.Parse(Serialize(NextUser().BotAdded()))!.AsObject();
        manyMembers["membersAdded"] = new JsonArray(Enumerable.Range(0, 3000).Select(i => (JsonNode?)new JsonObject { ["id"] = $"29:member-{i}" }).ToArray());
        yield return HostileRequest.Json(c, "3000 members added (bot not among them)", manyMembers.ToJsonString());
    }

    private IEnumerable<HostileRequest> DeepNesting()
    {
        const string c = "deep";
        foreach (var depth in new[] { 30, 33, 64, 1000, 50_000 })
        {
            foreach (var field in new[] { "value", "channelData", "entities" })
            {
                var body = BaseMessage().ToJsonString();
                var nested = depth % 2 == 0 ? new string('[', depth) + new string(']', depth) : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
                // Appended as a second occurrence of the field: the last one wins, and it is the deep one.
                var json = body[..^1] + $",\"{field}\":" + nested + "}";
                yield return HostileRequest.Json(c, $"{field} nested {depth} deep", json, mustBeRefused: depth + 1 > BotJson.MaxDepth);
            }
        }

        var deepSubmit = Serialize(NextUser().Submit(new { verb = "help.show" }));
        yield return HostileRequest.Json(c, "submit data nested 100 deep", deepSubmit.Replace("\"verb\":\"help.show\"", "\"verb\":\"help.show\",\"x\":" + new string('[', 100) + new string(']', 100), StringComparison.Ordinal), mustBeRefused: true);
    }

    private IEnumerable<HostileRequest> UnknownActivityTypes()
    {
        string[] types =
        [
            "typing", "endOfConversation", "event", "handoff", "deleteUserData", "messageUpdate", "messageDelete", "trace", "suggestion",
            "contactRelationUpdate", "messageReaction", "installationUpdate", "conversationUpdate", "MESSAGE", "Invoke", " message", "message\u0000",
            "somethingNew", "ｍｅｓｓａｇｅ", new string('t', 2000),
        ];
        foreach (var type in types)
        {
            var activity = BaseMessage();
            activity["type"] = type;
            yield return HostileRequest.Json("activity-type", $"type '{Shorten(type)}'", activity.ToJsonString());
        }

        string?[] installActions = ["add", "remove", "add-upgrade", "remove-upgrade", "explode", "", null];
        foreach (var action in installActions)
        {
            var install = JsonNode.Parse(Serialize(NextUser().Install()))!.AsObject();
            install["action"] = action;
            yield return HostileRequest.Json("activity-type", $"installationUpdate action '{action ?? "(null)"}' ", install.ToJsonString());
        }

        var stranger = JsonNode.Parse(Serialize(DemoUsers.Stranger(serviceUrl).BotAdded()))!.AsObject();
        stranger["conversation"]!["conversationType"] = "channel";
        stranger["conversation"]!["id"] = "19:channel/../../#?x";
        yield return HostileRequest.Json("activity-type", "bot added to a channel with a hostile conversation id", stranger.ToJsonString());
    }

    private IEnumerable<HostileRequest> Invokes()
    {
        const string c = "invoke";
        string[] names =
        [
            "composeExtension/query", "composeExtension/submitAction", "task/fetch", "task/submit", "signin/verifyState", "signin/tokenExchange",
            "fileConsent/invoke", "actionableMessage/executeAction", "config/fetch", "tab/fetch", "message/submitAction", "handoff/action",
            "healthCheck", "adaptiveCard/ACTION", " adaptiveCard/action", "adaptiveCard/action\u0000", new string('n', 3000),
        ];
        foreach (var name in names)
        {
            foreach (var value in new JsonNode?[] { null, new JsonObject(), JsonValue.Create("x") })
            {
                var invoke = JsonNode.Parse(Serialize(NextUser().Execute("help.show")))!.AsObject();
                invoke["name"] = name;
                invoke["value"] = value;
                yield return HostileRequest.Json(c, $"invoke '{Shorten(name)}' value {value?.ToJsonString() ?? "null"}", invoke.ToJsonString());
            }
        }

        string?[] cardValues =
        [
            null, "null", "42", "\"x\"", "[]", "{}", "{\"action\":null}", "{\"action\":\"Action.Execute\"}", "{\"action\":{}}", "{\"action\":[]}",
            "{\"action\":{\"verb\":42}}", "{\"action\":{\"verb\":\"\"}}", "{\"action\":{\"verb\":null}}", "{\"action\":{\"verb\":[\"help.show\"]}}",
            "{\"action\":{\"type\":\"Action.Execute\"}}", "{\"action\":{\"type\":\"Action.Submit\",\"verb\":\"help.show\",\"data\":7}}",
            "{\"action\":{\"verb\":\"help.show\"},\"trigger\":42}", "{\"action\":{\"verb\":\"help.show\"},\"trigger\":\"automatic\",\"authentication\":{\"token\":\"forged\"}}",
        ];
        foreach (var value in cardValues)
        {
            var invoke = JsonNode.Parse(Serialize(NextUser().Execute("help.show")))!.AsObject();
            invoke["value"] = value is null ? null : JsonNode.Parse(value);
            yield return HostileRequest.Json(c, $"adaptiveCard/action value {value ?? "(absent)"}", invoke.ToJsonString());
        }
    }

    private IEnumerable<HostileRequest> ForgedVerbs()
    {
        var forged = new List<string>
        {
            "", " ", "unknown", "admin.delete", "ops.poison", "pulse.answer", "pulse.results", "townhall.vote", "townhall.answer",
            "townhall.moderate", "skiplevel.accept", "skiplevel.schedule", "org.import", "__proto__", "constructor", "null", "%00", "${verb}",
            "{{DATE()}}", "../help.show", "help.show;drop", "help.show\u0000", "\u202Ewohs.pleh", "help.show\u200B", new string('v', 5000),
        };
        foreach (var verb in verbs)
        {
            forged.Add(verb.ToUpperInvariant());
            forged.Add(" " + verb);
            forged.Add(verb + ".x");
        }

        foreach (var verb in forged.Where(v => !verbs.Contains(v)).Distinct())
        {
            foreach (var (how, request) in Presses(verb, new { id = Guid.NewGuid(), version = 1 }))
            {
                yield return HostileRequest.Json("forged-verb", $"{how} '{Shorten(verb)}'", request);
            }
        }
    }

    /// <summary>Every verb the router knows, pressed with garbage data, others' ids and stale versions.</summary>
    private IEnumerable<HostileRequest> KnownVerbsWithGarbage()
    {
        foreach (var verb in verbs.OrderBy(v => v, StringComparer.Ordinal))
        {
            foreach (var (name, data) in GarbageData())
            {
                foreach (var (how, request) in Presses(verb, data))
                {
                    yield return HostileRequest.Json("verb-garbage", $"{verb} {how} with {name}", request);
                }
            }
        }
    }

    private static IEnumerable<(string Name, object? Data)> GarbageData()
    {
        yield return ("no data", null);
        yield return ("number", 42);
        yield return ("string", "data");
        yield return ("array", new object[] { 1, "two" });
        yield return ("empty object", new { });
        yield return ("random ids of other people's items", DataFields.ToDictionary(f => f, _ => (object)Guid.NewGuid().ToString()));
        yield return ("ids with key-breaking characters", DataFields.ToDictionary(f => f, _ => (object)"../a/b#c?d\\e"));
        yield return ("empty ids", DataFields.ToDictionary(f => f, _ => (object)""));
        yield return ("numbers where strings belong", DataFields.ToDictionary(f => f, _ => (object)-1));
        yield return ("huge numbers", DataFields.ToDictionary(f => f, _ => (object)1e308));
        yield return ("booleans", DataFields.ToDictionary(f => f, _ => (object)true));
        yield return ("nested objects", DataFields.ToDictionary(f => f, _ => (object)new { nested = new { id = Guid.NewGuid() } }));
        yield return ("arrays", DataFields.ToDictionary(f => f, _ => (object)new[] { Guid.NewGuid().ToString(), Guid.NewGuid().ToString() }));
        yield return ("stale version 0", new { id = Guid.NewGuid(), version = 0, cardVersion = 0 });
        yield return ("stale version -1 as text", new { id = Guid.NewGuid(), version = "-1", cardVersion = "1999-01-01" });
        yield return ("future version", new { id = Guid.NewGuid(), version = long.MaxValue, cardVersion = "9999" });
        yield return ("choice out of range", new { id = Guid.NewGuid(), choice = "99", rating = "-5", score = "NaN", answer = "7" });
        yield return ("long strings", DataFields.ToDictionary(f => f, _ => (object)new string('z', 10_000)));
        foreach (var (name, text) in HostilePayloads.All)
        {
            yield return ("every field = " + name, DataFields.ToDictionary(f => f, _ => (object)text));
        }
    }

    /// <summary>A press of <paramref name="verb"/> in each form Teams sends: Action.Execute, its refresh, Action.Submit.</summary>
    private IEnumerable<(string How, string Json)> Presses(string verb, object? data)
    {
        yield return ("Execute", Serialize(NextUser().Execute(verb, data)));
        yield return ("refresh", Serialize(NextUser().Execute(verb, data, refresh: true)));

        var submit = new JsonObject { ["verb"] = verb };
        var dataNode = JsonSerializer.SerializeToNode(data, BotJson.Options);
        if (dataNode is JsonObject fields)
        {
            foreach (var (key, value) in fields.ToList())
            {
                fields.Remove(key);
                submit[key] = value;
            }
        }
        else
        {
            submit["data"] = dataNode;
        }

        yield return ("Submit", Serialize(NextUser().Submit(submit)));
    }

    private IEnumerable<HostileRequest> HostileTexts()
    {
        foreach (var (name, text) in HostilePayloads.All)
        {
            yield return HostileRequest.Json("text", $"message: {name}", Serialize(NextUser().Message(text)));
            foreach (var command in commands.OrderBy(x => x, StringComparer.OrdinalIgnoreCase))
            {
                yield return HostileRequest.Json("text", $"'{command}' + {name}", Serialize(NextUser().Message($"{command} {text}")));
                yield return HostileRequest.Json("text", $"'{command}' after a mention + {name}", Serialize(NextUser().Message($"<at>DialogueBot</at> /{command} {text}")));
            }

            var named = BaseMessage();
            named["from"]!["name"] = text;
            yield return HostileRequest.Json("text", $"display name: {name}", named.ToJsonString());

            var submitText = Serialize(NextUser().Submit(new { text, comment = text }));
            yield return HostileRequest.Json("text", $"submit without verb: {name}", submitText);
        }
    }

    private IEnumerable<HostileRequest> HostileIds()
    {
        const string c = "ids";
        string[] hostileIds = ["../../x", "a/b#c?d", "\u0000", "29:\u202Eevil", "' or 1 eq 1", "PartitionKey eq 'user'", "%2F%2E%2E", new string('i', 1024)];
        foreach (var id in hostileIds)
        {
            var asFrom = BaseMessage();
            asFrom["from"]!["aadObjectId"] = id;
            yield return HostileRequest.Json(c, $"from.aadObjectId '{Shorten(id)}'", asFrom.ToJsonString());

            var asConversation = BaseMessage();
            asConversation["conversation"]!["id"] = id;
            yield return HostileRequest.Json(c, $"conversation.id '{Shorten(id)}'", asConversation.ToJsonString());

            var install = JsonNode.Parse(Serialize(NextUser().Install()))!.AsObject();
            install["from"]!["aadObjectId"] = id;
            yield return HostileRequest.Json(c, $"install with aadObjectId '{Shorten(id)}'", install.ToJsonString());

            var uninstall = JsonNode.Parse(Serialize(NextUser().Uninstall()))!.AsObject();
            uninstall["from"]!["aadObjectId"] = id;
            yield return HostileRequest.Json(c, $"uninstall with aadObjectId '{Shorten(id)}'", uninstall.ToJsonString());
        }

        string[] serviceUrls = ["https://evil.example/", "file:///etc/passwd", "javascript:alert(1)", "ftp://127.0.0.1/", "http://169.254.169.254/metadata/", "//evil.example/", "http://evil.example@127.0.0.1.evil.example/", "not a url"];
        foreach (var url in serviceUrls)
        {
            var activity = BaseMessage();
            activity["serviceUrl"] = url;
            yield return HostileRequest.Json("service-url", $"serviceUrl '{url}'", activity.ToJsonString(), mustBeRefused: true);
        }

        var otherTenant = BaseMessage();
        otherTenant["conversation"]!["tenantId"] = Guid.NewGuid().ToString();
        otherTenant["channelData"]!["tenant"]!["id"] = Guid.NewGuid().ToString();
        yield return HostileRequest.Json(c, "another tenant", otherTenant.ToJsonString());

        var otherChannel = BaseMessage();
        otherChannel["channelId"] = "webchat";
        yield return HostileRequest.Json(c, "another channel", otherChannel.ToJsonString());
    }

    private IEnumerable<HostileRequest> ContentTypes()
    {
        var body = Encoding.UTF8.GetBytes(BaseMessage().ToJsonString());
        string?[] refused = [null, "text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "text/json"];
        foreach (var type in refused)
        {
            yield return new HostileRequest("content-type", $"Content-Type '{type ?? "(none)"}'", body, ContentType: type, MustBeRefused: true);
        }

        yield return new HostileRequest("content-type", "Content-Type 'application/jsonp'", body, ContentType: "application/jsonp");

        yield return new HostileRequest("content-type", "Content-Type 'application/json; charset=utf-16' with a UTF-8 body", body, ContentType: "application/json; charset=utf-16");
    }

    private static void Set(JsonObject root, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var target = root;
        foreach (var part in parts[..^1])
        {
            if (target[part] is not JsonObject child)
            {
                child = new JsonObject();
                target[part] = child;
            }

            target = child;
        }

        target[parts[^1]] = value;
    }

    private static void Remove(JsonObject root, string path)
    {
        var parts = path.Split('.');
        JsonObject? target = root;
        foreach (var part in parts[..^1])
        {
            target = target?[part] as JsonObject;
        }

        target?.Remove(parts[^1]);
    }

    private static byte[] RandomBytes(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static string Shorten(string text)
    {
        var visible = new string(text.Select(ch => char.IsControl(ch) ? '·' : ch).ToArray());
        return visible.Length > 40 ? visible[..40] + "…" : visible;
    }
}

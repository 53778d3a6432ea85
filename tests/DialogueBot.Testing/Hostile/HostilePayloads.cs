namespace DialogueBot.Testing.Hostile;

/// <summary>
/// Strings an attacker (or a careless client) types into anything the bot might echo. Each carries a
/// marker ("INJ…") so <see cref="CardSafety"/> can find it again on a card and check it was neutralised.
/// </summary>
public static class HostilePayloads
{
    public const string EvilHost = "evil.example";

    /// <summary>
    /// Stands for unpaired UTF-16 surrogates, which a .NET string cannot carry through a JSON writer:
    /// <see cref="HostileRequest.Json"/> swaps it for the JSON escapes \ud800 \udfff on the wire.
    /// </summary>
    public const string LoneSurrogates = "[[lone-surrogates]]";

    public static IReadOnlyList<(string Name, string Text)> Markup { get; } =
    [
        ("markdown bold", "**INJbold** and _INJital_"),
        ("markdown link", "[INJlink](https://evil.example/phish)"),
        ("markdown image", "![INJimg](https://evil.example/pixel.png)"),
        ("markdown heading and list", "# INJhead\n- one\n1. two\n> quote"),
        ("html", "<b>INJhtml</b><script>alert('INJscript')</script><img src=x onerror=alert(1)>"),
        ("adaptive card date function", "{{DATE(2031-01-01T00:00:00Z,SHORT)}} INJdate {{TIME(2031-01-01T00:00:00Z)}}"),
        ("adaptive card template", "${INJtemplate} ${$root.secret} ${if(true, 'a', 'b')}"),
        ("json breaking", "INJjson\",\"type\":\"Action.OpenUrl\",\"url\":\"https://evil.example/\"}"),
        ("teams mention markup", "<at>INJmention</at> <at>unbalanced"),
        ("url", "javascript:alert('INJjs') https://evil.example/INJurl"),
    ];

    /// <summary>The characters issue 12 found raw in a CSV and a results card: NUL, BEL, ESC, U+202E (right-to-left override), U+FEFF.</summary>
    public const string DoorControls = "\u0000\u0007\u001b\u202E\uFEFF";

    /// <summary>True when <paramref name="text"/> holds a character <c>UserText.Clean</c> removes or replaces.</summary>
    public static bool HasControlOrBidi(string text) => text.Any(c =>
        (char.IsControl(c) && c != '\n') || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C' or '\uFEFF' or '\u2028' or '\u2029');

    public static IReadOnlyList<(string Name, string Text)> Characters { get; } =
    [
        ("door controls", "INJdoor a" + DoorControls + "[31mb\u2028c\u061Cd"),
        ("control characters", "INJctl\u0000\u0001\u0007\u001b[31mred\u001b[0m\u007f\b\f\v"),
        ("crlf", "INJcrlf\r\nSet-Cookie: x=y\r\n\r\n"),
        ("zero width", "I\u200BN\u200CJ\u200Dzw\uFEFF\u2060"),
        ("right-to-left override", "INJrtl \u202Egnp.exe\u202C \u2066isolate\u2069 \u200F"),
        ("lone surrogate", "INJsurrogate " + LoneSurrogates),
        ("combining overload", "INJzalgo " + string.Concat(Enumerable.Repeat("a\u0301\u0302\u0303\u0304\u0305", 200))),
        ("emoji and astral", "INJemoji 👩‍👩‍👧‍👦 🏳️‍🌈 𝕳𝖊𝖑𝖑𝖔"),
        ("long", "INJlong " + new string('x', 20_000)),
        ("only whitespace", " \t \u00A0 \u3000 "),
        ("empty", ""),
        ("sql and path", "INJsql'; DROP TABLE OrgPeople;-- ../../etc/passwd %00 %2e%2e/"),
    ];

    public static IEnumerable<(string Name, string Text)> All => Markup.Concat(Characters);
}

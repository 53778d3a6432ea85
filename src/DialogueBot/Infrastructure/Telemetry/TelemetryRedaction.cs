using System.Diagnostics;
using OpenTelemetry;

namespace DialogueBot.Infrastructure.Telemetry;

/// <summary>
/// Takes out of every finished span what could tie a person to an answer or a question, before any exporter
/// sees it:
/// - outgoing calls (storage, the Connector): the URL keeps scheme, host and the first path segment with
///   anything in parentheses removed, so <c>/PulseSubmissions(PartitionKey='r',RowKey='P|hash')?sig=…</c>
///   becomes <c>/PulseSubmissions</c>, the table's name; no query string, no entity keys, no message ids;
/// - incoming requests: the path becomes the route template (<c>/api/townhalls/{id}/questions</c>), the query
///   goes, and so do the caller's address and user agent, which with a time would point at an asker.
/// Registered before the exporters, so they only ever get the redacted span.
/// </summary>
public sealed class TelemetryRedactionProcessor : BaseProcessor<Activity>
{
    private static readonly string[] UrlTags = ["url.full", "http.url"];
    private static readonly string[] DroppedTags = ["url.query", "http.target", "client.address", "client.port", "network.peer.address", "network.peer.port", "user_agent.original", "http.user_agent"];

    public override void OnEnd(Activity data)
    {
        foreach (var tag in UrlTags)
        {
            if (data.GetTagItem(tag) is string url)
            {
                data.SetTag(tag, RedactUrl(url));
            }
        }

        if (data.Kind == ActivityKind.Server)
        {
            // The route template carries no ids; a request that matched no route keeps no path at all.
            var route = data.GetTagItem("http.route") as string;
            if (data.GetTagItem("url.path") is not null)
            {
                data.SetTag("url.path", route);
            }

            if (route is null && data.DisplayName.Contains('/', StringComparison.Ordinal))
            {
                data.DisplayName = data.GetTagItem("http.request.method") as string ?? "HTTP";
            }
        }
        else if (data.GetTagItem("url.path") is string path)
        {
            data.SetTag("url.path", RedactPath(path));
        }

        foreach (var tag in DroppedTags)
        {
            if (data.GetTagItem(tag) is not null)
            {
                data.SetTag(tag, null);
            }
        }

        if (data.DisplayName.IndexOfAny(['?', '(']) >= 0)
        {
            data.DisplayName = data.GetTagItem("http.request.method") as string ?? "HTTP";
        }
    }

    /// <summary>Scheme, host, port and the first path segment without parentheses; "(redacted)" for something not a URL.</summary>
    /// <remarks>On an IP or localhost host (Azurite's path-style URLs: /account/table) the first two segments.</remarks>
    public static string RedactUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
            ? uri.GetLeftPart(UriPartial.Authority) + RedactPath(uri.AbsolutePath, uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 || uri.IsLoopback ? 2 : 1)
            : "(redacted)";

    private static string RedactPath(string path, int segments = 1)
    {
        var kept = path.TrimStart('/').Split('/').Take(segments).ToList();
        var last = kept[^1];
        var paren = last.IndexOf('(', StringComparison.Ordinal);
        var escapedParen = last.IndexOf("%28", StringComparison.OrdinalIgnoreCase);
        var cut = paren >= 0 && escapedParen >= 0 ? Math.Min(paren, escapedParen) : Math.Max(paren, escapedParen);
        kept[^1] = cut >= 0 ? last[..cut] : last;
        return "/" + string.Join('/', kept);
    }
}

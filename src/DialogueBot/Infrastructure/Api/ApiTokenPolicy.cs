using System.Security.Claims;

namespace DialogueBot.Infrastructure.Api;

/// <summary>
/// What a signed, unexpired token for our audience must also be to stand for a caller: a delegated access
/// token (a person, through an allowed client app, with our scope), or — only when an automation role is
/// configured — an app-only access token holding that role. A valid signature alone proves only that
/// Entra issued the token to someone; an ID token or another app's app-only token carries our audience
/// too, and must not pass as a person.
/// </summary>
public static class ApiTokenPolicy
{
    /// <summary>Why the token is refused, in words for the log; null when it is accepted.</summary>
    public static string? Refusal(ClaimsIdentity token, ApiAuthenticationOptions options, IReadOnlyCollection<string> clientApps)
    {
        var version = Value(token, "ver");
        if (version is not ("1.0" or "2.0"))
        {
            return $"not an Entra access token (ver is {(version is null ? "missing" : "'" + version + "'")})";
        }

        // Entra puts a nonce only in ID tokens; an access token never has one.
        if (Value(token, "nonce") is not null)
        {
            return "an ID token (it has a nonce), not an access token";
        }

        // v2 tokens name the calling client in azp, v1 tokens in appid.
        var client = version == "2.0" ? Value(token, "azp") : Value(token, "appid");
        var scopes = (Value(token, "scp") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var appOnly = Value(token, "idtyp") == "app";
        if (scopes.Length == 0)
        {
            return AppOnlyRefusal(token, options, client);
        }

        if (appOnly)
        {
            return "an app-only token (idtyp=app) that claims delegated scopes";
        }

        if (!scopes.Contains(options.RequiredScope, StringComparer.Ordinal))
        {
            return $"the scope '{options.RequiredScope}' is missing from scp";
        }

        if (string.IsNullOrEmpty(client))
        {
            return $"names no client app ({(version == "2.0" ? "azp" : "appid")})";
        }

        return clientApps.Contains(client) ? null : $"the client app {client} is not on Api:AllowedClientApps";
    }

    private static string? AppOnlyRefusal(ClaimsIdentity token, ApiAuthenticationOptions options, string? client)
    {
        var roles = token.FindAll("roles").Select(c => c.Value).ToList();
        var markedApp = Value(token, "idtyp") == "app";
        // An ID token has no scp either, and may carry the person's app roles; but in an app-only token the
        // subject is the service principal itself (sub == oid), and no person's name is in it.
        var person = Value(token, "upn") ?? Value(token, "preferred_username") ?? Value(token, "unique_name");
        if (person is not null || (!markedApp && roles.Count == 0) || Value(token, "sub") != Value(token, "oid"))
        {
            return "carries no scope and is not an app-only access token (an ID token?)";
        }

        if (string.IsNullOrWhiteSpace(options.AutomationRole))
        {
            return "an app-only token, and no Api:AutomationRole is configured";
        }

        if (!roles.Contains(options.AutomationRole, StringComparer.Ordinal))
        {
            return $"an app-only token without the role '{options.AutomationRole}'";
        }

        return string.IsNullOrEmpty(client) ? "an app-only token that names no client app" : null;
    }

    private static string? Value(ClaimsIdentity token, string type)
    {
        var value = token.FindFirst(type)?.Value;
        return string.IsNullOrEmpty(value) ? null : value;
    }
}

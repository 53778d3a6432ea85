using System.Net.Http.Headers;
using DialogueBot.BotFramework.Authentication;

namespace DialogueBot.BotFramework.Connector;

/// <summary>
/// Puts the bot's bearer token on Connector requests, after checking the target against the
/// <see cref="ServiceUrlPolicy"/>: a refused host gets no request at all, let alone a token.
/// </summary>
public sealed class ConnectorAuthenticationHandler(ServiceUrlPolicy policy, IBotAccessTokenProvider tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("A Connector request needs an absolute URI.");
        if (!policy.IsAllowed(uri))
        {
            throw new ServiceUrlNotAllowedException(uri);
        }

        var token = await tokens.GetAccessTokenAsync(cancellationToken);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}

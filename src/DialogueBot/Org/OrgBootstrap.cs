using DialogueBot.Infrastructure.Api;
using Microsoft.Extensions.Options;

namespace DialogueBot.Org;

/// <summary>
/// The first org chart import of a fresh deployment: nobody is HR before a chart exists, so the operators
/// named in <see cref="OrgOptions.BootstrapImporters"/> may import while the chart is empty, and never after.
/// </summary>
public sealed class OrgBootstrap(IOptions<OrgOptions> options, OrgDirectory directory) : IRoleAllowance
{
    public async Task<bool> AllowsAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (!options.Value.BootstrapImporters.Any(id => string.Equals(id.Trim(), caller.AadObjectId, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        directory.Invalidate(); // decide on the stored chart, not on a cached view of it
        return (await directory.GetAsync(cancellationToken)).IsEmpty;
    }
}

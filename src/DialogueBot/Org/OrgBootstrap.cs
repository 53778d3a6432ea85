using Microsoft.Extensions.Options;

namespace DialogueBot.Org;

/// <summary>
/// The first org chart import of a fresh deployment: nobody is HR before a chart exists, so the operators
/// named in <see cref="OrgOptions.BootstrapImporters"/> may import while the chart is empty, and never after.
/// </summary>
public static class OrgBootstrap
{
    public static async Task<bool> AllowsFirstImportAsync(HttpContext http, Caller caller)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<OrgOptions>>().Value;
        if (!options.BootstrapImporters.Any(id => string.Equals(id.Trim(), caller.AadObjectId, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        var directory = http.RequestServices.GetRequiredService<OrgDirectory>();
        directory.Invalidate(); // decide on the stored chart, not on a cached view of it
        return (await directory.GetAsync(http.RequestAborted)).IsEmpty;
    }
}

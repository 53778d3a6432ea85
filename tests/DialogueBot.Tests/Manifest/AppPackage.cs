using System.IO.Compression;
using System.Text.Json;
using DialogueBot.Testing;

namespace DialogueBot.Tests.Manifest;

/// <summary>Runs the real <c>make package</c> script (scripts/package.mjs) on an env file and opens what it wrote.</summary>
public sealed record AppPackage(int ExitCode, string Output, string Errors, string ZipPath)
{
    public const string TeamsAppId = "5f0c6a8e-2b1d-4c3e-9a7f-1e2d3c4b5a60";
    public const string BotId = "6a4c7d1e-1c2b-4b7e-9f0a-5d4e3c2b1a09";
    public const string ClientId = "7b5d8e2f-2d3c-4c8f-8a1b-6e5f4d3c2b1a";
    public const string Domain = "dialoguebot-test.azurewebsites.net";

    /// <summary>A complete env file, as an operator fills it from the infra outputs.</summary>
    public static readonly IReadOnlyDictionary<string, string> CompleteEnv = new Dictionary<string, string>
    {
        ["TEAMS_APP_ID"] = TeamsAppId,
        ["APP_VERSION"] = "1.2.3",
        ["APP_NAME_SUFFIX"] = " (test)",
        ["BOT_ID"] = BotId,
        ["BOT_DOMAIN"] = Domain,
        ["AAD_APP_CLIENT_ID"] = ClientId,
        ["DEVELOPER_NAME"] = "Contoso Ltd",
        ["DEVELOPER_WEBSITE_URL"] = "https://www.contoso.com",
        ["PRIVACY_URL"] = "https://www.contoso.com/privacy",
        ["TERMS_OF_USE_URL"] = "https://www.contoso.com/terms",
    };

    public static string TemplatePath => RepositoryPaths.Combine("manifest", "manifest.json");

    /// <summary>The checked-in manifest template (placeholders unfilled; it is JSON all the same).</summary>
    public static JsonElement Template() => JsonDocument.Parse(File.ReadAllText(TemplatePath)).RootElement.Clone();

    public static async Task<AppPackage> BuildAsync(IReadOnlyDictionary<string, string> env, params string[] extraArguments)
    {
        var dir = Directory.CreateTempSubdirectory("dialoguebot-package-").FullName;
        var envFile = Path.Combine(dir, ".env.test");
        await File.WriteAllLinesAsync(envFile, env.Select(kv => $"{kv.Key}=\"{kv.Value}\""));
        var zip = Path.Combine(dir, "appPackage.zip");

        // The script falls back to the process environment: keep the test's own environment out of it.
        var run = await NodeScript.RunAsync([RepositoryPaths.Combine("scripts", "package.mjs"), "--env", envFile, "--out", zip, .. extraArguments], CompleteEnv.Keys);
        return new AppPackage(run.ExitCode, run.Output, run.Errors, zip);
    }

    public IReadOnlyDictionary<string, byte[]> Entries()
    {
        using var archive = ZipFile.OpenRead(ZipPath);
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });
    }

    public string ManifestJson() => System.Text.Encoding.UTF8.GetString(Entries()["manifest.json"]);

    public JsonElement Manifest() => JsonDocument.Parse(ManifestJson()).RootElement.Clone();
}

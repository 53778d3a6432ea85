using System.Text.Json;
using System.Text.Json.Nodes;

namespace DialogueBot.Tests.Manifest;

/// <summary>
/// <c>make package</c>: the real script fills the manifest from an env file and zips it with the icons; the
/// result validates against the official Teams schema and has what Teams requires.
/// </summary>
public sealed class AppPackageTests : IAsyncLifetime
{
    private AppPackage _package = null!;

    public async Task InitializeAsync()
    {
        _package = await AppPackage.BuildAsync(AppPackage.CompleteEnv);
        Assert.True(_package.ExitCode == 0, $"make package failed ({_package.ExitCode}): {_package.Errors}");
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Path.GetDirectoryName(_package.ZipPath)!, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public void The_zip_holds_exactly_the_manifest_and_both_icons_at_its_root()
    {
        Assert.Equal(["color.png", "manifest.json", "outline.png"], _package.Entries().Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_generated_manifest_validates_against_the_Teams_1_22_schema()
    {
        var errors = TeamsManifestSchema.Validate(_package.ManifestJson());

        Assert.True(errors.Count == 0, "Schema errors:\n" + string.Join("\n", errors));
        Assert.Equal("1.22", _package.Manifest().GetProperty("manifestVersion").GetString());
    }

    [Fact]
    public void The_schema_check_is_real_it_refuses_a_broken_manifest()
    {
        var manifest = JsonNode.Parse(_package.ManifestJson())!.AsObject();
        manifest["manifestVersion"] = "1.21";
        manifest["bots"]![0]!["botId"] = "not-a-guid";
        manifest["bots"]![0]!["scopes"]!.AsArray().Add("everywhere");

        var errors = TeamsManifestSchema.Validate(manifest);

        Assert.Contains("#/manifestVersion: NotInEnumeration", errors);
        Assert.Contains(errors, e => e.Contains("botId", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("scopes", StringComparison.Ordinal));
    }

    [Fact]
    public void Placeholders_are_filled_from_the_env_file()
    {
        var manifest = _package.Manifest();
        var json = _package.ManifestJson();

        Assert.DoesNotContain("${{", json, StringComparison.Ordinal);
        Assert.Equal(AppPackage.TeamsAppId, manifest.GetProperty("id").GetString());
        Assert.Equal("1.2.3", manifest.GetProperty("version").GetString());
        Assert.Equal("DialogueBot (test)", manifest.GetProperty("name").GetProperty("short").GetString());
        var bot = manifest.GetProperty("bots")[0];
        Assert.Equal(AppPackage.BotId, bot.GetProperty("botId").GetString());
        Assert.Equal(["personal", "team"], bot.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()!).Order());
        Assert.Equal([AppPackage.Domain], manifest.GetProperty("validDomains").EnumerateArray().Select(d => d.GetString()!));
        var sso = manifest.GetProperty("webApplicationInfo");
        Assert.Equal(AppPackage.ClientId, sso.GetProperty("id").GetString());
        Assert.Equal($"api://{AppPackage.Domain}/{AppPackage.ClientId}", sso.GetProperty("resource").GetString());
    }

    [Fact]
    public void The_question_board_and_pulse_results_are_static_tabs_on_the_bots_domain()
    {
        var tabs = _package.Manifest().GetProperty("staticTabs").EnumerateArray()
            .Where(t => t.TryGetProperty("contentUrl", out _))
            .ToDictionary(t => t.GetProperty("entityId").GetString()!, t => t.GetProperty("contentUrl").GetString()!);

        Assert.Equal($"https://{AppPackage.Domain}/tabs/board/", tabs["board"]);
        Assert.Equal($"https://{AppPackage.Domain}/tabs/results/", tabs["results"]);
    }

    [Fact]
    public void The_management_tab_is_a_personal_static_tab_on_the_bots_domain()
    {
        var manage = _package.Manifest().GetProperty("staticTabs").EnumerateArray().Single(t => t.GetProperty("entityId").GetString() == "manage");

        Assert.Equal($"https://{AppPackage.Domain}/tabs/manage/", manage.GetProperty("contentUrl").GetString());
        Assert.Equal($"https://{AppPackage.Domain}/tabs/manage/", manage.GetProperty("websiteUrl").GetString());
        Assert.Equal(["personal"], manage.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public void The_icons_have_the_exact_sizes_Teams_requires()
    {
        var entries = _package.Entries();
        var color = PngImage.Read(entries["color.png"]);
        var outline = PngImage.Read(entries["outline.png"]);

        Assert.Equal((192, 192), (color.Width, color.Height));
        Assert.Equal((32, 32), (outline.Width, outline.Height));
        Assert.Equal(entries["color.png"], File.ReadAllBytes(DialogueBot.Testing.RepositoryPaths.Combine("manifest", "color.png")));
    }

    [Fact]
    public void The_outline_icon_is_white_on_transparent()
    {
        var outline = PngImage.Read(_package.Entries()["outline.png"]);
        Assert.Equal(6, outline.ColorType); // RGBA: it has an alpha channel

        var drawn = 0;
        for (var y = 0; y < outline.Height; y++)
        {
            for (var x = 0; x < outline.Width; x++)
            {
                var (r, g, b, a) = outline.Pixel(x, y);
                Assert.True(a == 0 || (r, g, b) == (255, 255, 255), $"Pixel ({x},{y}) is ({r},{g},{b},{a}): only white or transparent is allowed.");
                drawn += a > 0 ? 1 : 0;
            }
        }

        Assert.InRange(drawn, 50, 32 * 32 / 2); // something is drawn, and the background is transparent
        Assert.Equal(0, outline.Pixel(0, 0).A);
    }

    [Fact]
    public async Task A_missing_variable_stops_the_build_and_names_it()
    {
        var incomplete = AppPackage.CompleteEnv.Where(kv => kv.Key is not ("BOT_ID" or "AAD_APP_CLIENT_ID")).ToDictionary();

        var result = await AppPackage.BuildAsync(incomplete);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("missing variables BOT_ID, AAD_APP_CLIENT_ID", result.Errors, StringComparison.Ordinal);
        Assert.False(File.Exists(result.ZipPath));
        Directory.Delete(Path.GetDirectoryName(result.ZipPath)!, recursive: true);
    }

    [Fact]
    public async Task The_example_files_placeholders_stop_the_build_unless_asked_for()
    {
        var env = AppPackage.CompleteEnv.ToDictionary();
        env["BOT_ID"] = "00000000-0000-0000-0000-000000000000";
        env["BOT_DOMAIN"] = "example.azurewebsites.net";
        env["PRIVACY_URL"] = "https://www.contoso.example/privacy";

        var refused = await AppPackage.BuildAsync(env);
        var allowed = await AppPackage.BuildAsync(env, "--allow-placeholders");

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("BOT_ID=00000000-0000-0000-0000-000000000000", refused.Errors, StringComparison.Ordinal);
        Assert.Contains("BOT_DOMAIN=example.azurewebsites.net", refused.Errors, StringComparison.Ordinal);
        Assert.Contains("PRIVACY_URL=https://www.contoso.example/privacy", refused.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("TEAMS_APP_ID", refused.Errors, StringComparison.Ordinal);
        Assert.Contains("--allow-placeholders", refused.Errors, StringComparison.Ordinal);
        Assert.False(File.Exists(refused.ZipPath));
        Assert.Equal(0, allowed.ExitCode);
        Assert.True(File.Exists(allowed.ZipPath));
    }

    [Fact]
    public async Task Values_are_escaped_into_the_JSON_not_pasted()
    {
        var env = AppPackage.CompleteEnv.ToDictionary();
        env["DEVELOPER_NAME"] = "Quote \\ \"Co\"";

        var result = await AppPackage.BuildAsync(env);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Quote \\ \"Co\"", result.Manifest().GetProperty("developer").GetProperty("name").GetString());
        Directory.Delete(Path.GetDirectoryName(result.ZipPath)!, recursive: true);
    }
}

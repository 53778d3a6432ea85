using DialogueBot.Testing;

namespace DialogueBot.Tests.Manifest;

/// <summary>The checked-in icons are what the generator draws (pixel for pixel: zlib builds may pack differently).</summary>
public sealed class IconGeneratorTests
{
    [Fact]
    public async Task The_checked_in_icons_are_the_generators_output()
    {
        var dir = Directory.CreateTempSubdirectory("dialoguebot-icons-").FullName;
        try
        {
            var run = await NodeScript.RunAsync([RepositoryPaths.Combine("manifest", "tools", "generate-icons.mjs"), dir]);
            Assert.True(run.ExitCode == 0, run.Errors);

            foreach (var name in new[] { "color.png", "outline.png" })
            {
                var drawn = PngImage.Read(await File.ReadAllBytesAsync(Path.Combine(dir, name)));
                var checkedIn = PngImage.Read(await File.ReadAllBytesAsync(RepositoryPaths.Combine("manifest", name)));
                Assert.Equal((drawn.Width, drawn.Height), (checkedIn.Width, checkedIn.Height));
                Assert.True(drawn.Rgba!.AsSpan().SequenceEqual(checkedIn.Rgba), $"manifest/{name} differs from what manifest/tools/generate-icons.mjs draws: run it and commit the result.");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

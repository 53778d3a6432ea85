using System.Globalization;

namespace DialogueBot.Bench.Inbound;

/// <summary>
/// CPU time of another process from /proc (Linux): how the bench tells the emulator's share of an answer
/// from the bot's. Found by a word of its command line (Azurite: its table port).
/// </summary>
public sealed class ProcessCpu
{
    private readonly string? _statPath;

    private ProcessCpu(string? statPath) => _statPath = statPath;

    public static ProcessCpu Find(string commandLineWord)
    {
        foreach (var dir in Directory.Exists("/proc") ? Directory.GetDirectories("/proc") : [])
        {
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (cmdline.Contains("azurite", StringComparison.Ordinal) && cmdline.Contains(commandLineWord, StringComparison.Ordinal))
                {
                    return new ProcessCpu(Path.Combine(dir, "stat"));
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return new ProcessCpu(null);
    }

    /// <summary>User + system CPU milliseconds so far, or NaN when the process was not found.</summary>
    public double Milliseconds()
    {
        if (_statPath is null || !File.Exists(_statPath))
        {
            return double.NaN;
        }

        // Fields after the command name in parentheses: state is the 3rd field; utime and stime are the 14th and 15th.
        var stat = File.ReadAllText(_statPath);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks * 10.0; // USER_HZ is 100 on Linux
    }
}

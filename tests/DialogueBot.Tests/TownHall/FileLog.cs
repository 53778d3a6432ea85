namespace DialogueBot.Tests.TownHall;
using Microsoft.Extensions.Logging;
internal sealed class FileLogProvider : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new L();
    public void Dispose() { }
    private sealed class L : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error) { lock (typeof(FileLogProvider)) { File.AppendAllText("/tmp/th-errors.log", formatter(state, exception) + "\n" + exception + "\n\n"); } }
        }
    }
}

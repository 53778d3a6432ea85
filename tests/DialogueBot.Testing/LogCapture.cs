using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace DialogueBot.Testing;

/// <summary>
/// Records errors the bot logs with an exception (a handler threw, the pipeline caught something): in a
/// hostile or fault test each one is a bug even when the caller got a polite answer. Register with
/// <c>services.AddSingleton&lt;ILoggerProvider&gt;(capture)</c> in <see cref="BotAppOptions.ConfigureServices"/>.
/// </summary>
public sealed class LogCapture : ILoggerProvider
{
    public ConcurrentQueue<string> Errors { get; } = new();

    /// <summary>Every warning and error, with or without an exception (for a failing test's message).</summary>
    public ConcurrentQueue<string> Warnings { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            owner.Warnings.Enqueue($"{logLevel} {category}: {formatter(state, exception)}");
            if (logLevel >= LogLevel.Error && exception is not null)
            {
                owner.Errors.Enqueue($"{category}: {formatter(state, exception)} — {exception.GetType().Name}: {exception.Message}");
            }
        }
    }
}

using Microsoft.Extensions.Logging;

namespace StudyGuide.Tests.Infrastructure;

/// <summary>Keeps what the app logs, so a test can say what an operator would have read in its output.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    readonly List<(LogLevel Level, string Category, string Message)> entries = [];

    public IReadOnlyList<(LogLevel Level, string Category, string Message)> Entries
    {
        get { lock (entries) return entries.ToList(); }
    }

    /// <summary>The entries at <paramref name="level"/> or above, one line each, as the console would head them.</summary>
    public IReadOnlyList<string> AtLeast(LogLevel level) =>
        Entries.Where(e => e.Level >= level).Select(e => $"{e.Level}: {e.Category}: {e.Message}").ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    sealed class Logger(RecordingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (provider.entries) provider.entries.Add((logLevel, category, formatter(state, exception)));
        }
    }
}

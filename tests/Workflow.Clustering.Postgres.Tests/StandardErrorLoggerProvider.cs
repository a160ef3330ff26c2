using Microsoft.Extensions.Logging;

namespace Workflow.Clustering.Postgres.Tests;

/// <summary>Warnings of a child silo on its stderr, which the parent test shows when the child misbehaves.</summary>
internal sealed class StandardErrorLoggerProvider : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                Console.Error.WriteLine($"[{logLevel} {category}] {formatter(state, exception)} {exception?.Message}");
            }
        }
    }
}

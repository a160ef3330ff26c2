using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Workflow.Gateway.Tests;

/// <summary>
/// Orleans ends the whole process when a silo learns it was declared dead. A silo being stopped can read its
/// own Dead row before it knows it is stopping (dotnet/orleans#10409), and with the silo hosted in the test
/// process that aborted the run with every test in it (seen once here). In the tests' hosts a fatal error is
/// logged and stops that host only; a test that needed it still fails.
/// </summary>
internal sealed partial class StopHostOnFatalError(ILogger<StopHostOnFatalError> logger, IHostApplicationLifetime lifetime) : IFatalErrorHandler
{
    public static void ReplaceIn(IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Singleton<IFatalErrorHandler, StopHostOnFatalError>());

    public bool IsUnexpected(Exception exception) => exception is not ThreadAbortException;

    public void OnFatalException(object? sender = null, string? context = null, Exception? exception = null)
    {
        LogFatal(logger, exception, sender, context);
        lifetime.StopApplication();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Fatal error from {Sender}: {Context}. This host stops; the test process goes on.")]
    private static partial void LogFatal(ILogger logger, Exception? exception, object? sender, string? context);
}

using Microsoft.Extensions.Hosting;

namespace Alerts.Cli;

/// <summary>
/// A command's host lifetime: no signal handlers of its own (the host's console lifetime would take Ctrl+C and
/// SIGTERM from the command's cancellation token, which stops a run gracefully).
/// </summary>
internal sealed class CommandLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

namespace Monitor.Worker.Hosting;

/// <summary>
/// A start-up step that begins when the host starts its services (<see cref="IHostedLifecycleService.StartingAsync"/>),
/// beside the other such steps, and is waited for at this service's turn to start: the services registered after it
/// still start only once it is done, and when several fail, the first registered is the one reported.
/// </summary>
public abstract class EarlyStartService : IHostedLifecycleService
{
    private Task? work;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        work = Task.Run(() => PrepareAsync(cancellationToken), cancellationToken);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => work ?? PrepareAsync(cancellationToken);

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The step itself.</summary>
    protected abstract Task PrepareAsync(CancellationToken cancellationToken);
}

namespace Monitor.Worker.Web;

/// <summary>Reads (or, the first time, makes) the signing key at start-up, after the schema is applied, so a database problem shows now rather than at the first link.</summary>
public sealed class SigningKeyStartup(SigningKey key) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = key.Bytes;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

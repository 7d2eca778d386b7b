using Microsoft.Extensions.Time.Testing;

namespace Monitor.IntegrationTests.Infrastructure;

/// <summary>
/// A stand-in group robot on 127.0.0.1 and a worker that posts to it, started and disposed together. The worker posts
/// each group at once (no group window, a round every 0.2 s, no quiet hours) unless the test's settings say otherwise.
/// </summary>
public sealed class RobotWorker : IAsyncDisposable
{
    private ConfiguredWorker? configured;

    private RobotWorker(RobotListener robot) => Robot = robot;

    public RobotListener Robot { get; }

    public ConfiguredWorker Configured => configured ?? throw new InvalidOperationException("The worker has not started.");

    public WorkerHost Worker => Configured.Worker;

    /// <param name="settings">The test's settings, made with the robot at hand (its address, its scripted answers).</param>
    public static async Task<RobotWorker> StartAsync(FakeTimeProvider clock, Func<RobotListener, IReadOnlyDictionary<string, string?>> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var started = new RobotWorker(RobotListener.Start());
        try
        {
            var all = new Dictionary<string, string?>
            {
                ["Monitor:Notifications:GroupWait"] = "00:00:00",
                ["Monitor:Notifications:CheckEvery"] = "00:00:00.2",
                ["Monitor:Notifications:QuietHours:Enabled"] = "false",
            };
            foreach (var (key, value) in settings(started.Robot))
            {
                all[key] = value;
            }

            started.configured = await ConfiguredWorker.StartAsync(clock, all);
            return started;
        }
        catch
        {
            await started.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (configured is not null)
            {
                await configured.DisposeAsync();
            }
        }
        finally
        {
            await Robot.DisposeAsync();
        }
    }
}

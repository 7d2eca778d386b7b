using Monitor.Worker.Evaluation;
using Monitor.Worker.Inbound;
using Monitor.Worker.Settings;
using Monitor.Worker.Tools.Replay;

namespace Monitor.Worker.Tools.Demo;

public static class DemoExtensions
{
    /// <summary>
    /// The embedded default's demo (on by default with in-memory storage, <c>Monitor:Demo</c>): the targets move to the
    /// demo's year, the demo's events are published at start-up instead of the usual first evaluation (and their year is
    /// drawn into the history), and the thousands of events it replays are not logged one by one. The only place the
    /// demo changes the worker.
    /// </summary>
    public static IHostApplicationBuilder AddMonitorDemo(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = MonitorOptions.Read(builder.Configuration);
        if (!options.DemoEnabled)
        {
            return builder;
        }

        DemoEvents.MoveTargetsTo(builder.Services, options.DemoYear);
        var startup = builder.Services.Where(d => d.ImplementationType == typeof(StartupEvaluation)).ToList();
        startup.ForEach(d => builder.Services.Remove(d));
        builder.Services.AddSingleton<HistoryBackfill>();
        builder.Services.AddHostedService<DemoRunner>();
        builder.Logging.AddFilter(typeof(EventLogObserver).FullName, LogLevel.Warning);
        return builder;
    }
}

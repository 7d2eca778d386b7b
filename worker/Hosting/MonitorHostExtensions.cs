namespace Monitor.Worker.Hosting;

public static class MonitorHostExtensions
{
    public static IHostApplicationBuilder AddMonitor(this IHostApplicationBuilder builder) => builder;
}

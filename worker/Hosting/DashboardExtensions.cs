using Monitor.Worker.Web;

namespace Monitor.Worker.Hosting;

public static class DashboardExtensions
{
    /// <summary>The dashboard's readers; its routes are mapped with <see cref="DashboardEndpoints.MapMonitorDashboard"/>.</summary>
    public static IHostApplicationBuilder AddMonitorDashboard(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<DashboardReader>();
        builder.Services.AddSingleton<DashboardPages>();
        return builder;
    }
}

using Monitor.Worker.Settings;
using Monitor.Worker.Web;

namespace Monitor.Worker.Hosting;

public static class WebExtensions
{
    /// <summary>The web server's addresses (<c>Monitor:Web:Urls</c>, this machine only by default).</summary>
    public static WebApplicationBuilder AddMonitorWeb(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var web = WebOptions.Read(builder.Configuration);
        builder.Services.AddSingleton(web);
        builder.WebHost.UseUrls([.. web.Addresses]);
        builder.AddMonitorDashboard();
        builder.AddMonitorAccess(web);
        builder.AddMonitorTelemetry();
        return builder;
    }

    /// <summary>Everything the worker serves over HTTP.</summary>
    public static WebApplication MapMonitorWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMonitorAccess();
        app.MapMonitorHealth();
        app.MapMonitorDashboard();
        app.MapMonitorMetrics();
        return app;
    }
}

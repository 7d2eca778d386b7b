using System.Text.Encodings.Web;
using MassTransit;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

using Monitor.Worker.Inbound;

namespace Monitor.Worker.Hosting;

public static class LoggingExtensions
{
    /// <summary>
    /// Console logs as text or, with <c>Logging:Console:FormatterName=json</c>, one JSON object per line with the named
    /// properties of each entry (Chinese written as is, not \u-escaped); expected rejections logged as one warning.
    /// </summary>
    public static IHostApplicationBuilder AddMonitorLogging(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<JsonConsoleFormatterOptions>(o =>
        {
            var writer = o.JsonWriterOptions;
            writer.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            o.JsonWriterOptions = writer;
        });

        var console = services.FirstOrDefault(d => d.ServiceType == typeof(ILoggerProvider) && d.ImplementationType == typeof(ConsoleLoggerProvider));
        if (console is not null)
        {
            services.Remove(console);
            services.AddSingleton<ILoggerProvider>(sp => new ExpectedRejectionLoggerProvider(
                new ConsoleLoggerProvider(sp.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>(), sp.GetServices<ConsoleFormatter>())));
        }

        services.AddConsumeObserver<EventLogObserver>();
        return builder;
    }
}

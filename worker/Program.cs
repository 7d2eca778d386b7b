using Microsoft.Extensions.Options;
using Monitor.Worker.Hosting;
using Monitor.Worker.Institutions;

try
{
    var builder = Host.CreateApplicationBuilder(args);
    builder.AddMonitor();
    await builder.Build().RunAsync();
    return 0;
}
catch (Exception ex) when (ex is ConfigurationException or StartupException or OptionsValidationException)
{
    await Console.Error.WriteLineAsync($"Monitor cannot start: {ex.Message}");
    return 2;
}

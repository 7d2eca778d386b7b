using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Monitor.Worker.History;
using Monitor.Worker.Hosting;
using Monitor.Worker.Tools.Demo;

namespace Monitor.Tests.Tools.Demo;

public class DemoExtensionsSpecs
{
    [Fact]
    public void When_the_demo_draws_its_year_should_keep_the_history_whole_whatever_the_retention()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Monitor:History:KeepDays"] = "30" });
        builder.AddMonitor();
        builder.AddMonitorDemo();
        using var host = builder.Build();

        Assert.Equal(0, host.Services.GetRequiredService<HistoryOptions>().KeepDays);
    }

    [Fact]
    public void When_the_demo_is_off_should_keep_the_retention_set()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Monitor:History:KeepDays"] = "30", ["Monitor:Demo"] = "false" });
        builder.AddMonitor();
        builder.AddMonitorDemo();
        using var host = builder.Build();

        Assert.Equal(30, host.Services.GetRequiredService<HistoryOptions>().KeepDays);
    }
}

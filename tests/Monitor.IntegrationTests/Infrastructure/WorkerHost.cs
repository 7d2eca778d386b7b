using System.Globalization;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Monitor.Worker.Hosting;
using Monitor.Worker.Evaluation;
using Monitor.Worker.Visits;
using Monitor.Worker.Placement;
using Npgsql;
using Quartz;

namespace Monitor.IntegrationTests.Infrastructure;

/// <summary>
/// The real worker (<c>builder.AddMonitor()</c>, its web server on a free port of 127.0.0.1) started in-process on
/// RabbitMQ and PostgreSQL, with a fake clock. Start-up returns once the worker's own start-up evaluation has finished,
/// so tests begin from a settled state.
/// </summary>
public sealed class WorkerHost : IAsyncDisposable
{
    private readonly WebApplication host;
    private bool stopped;

    private WorkerHost(WebApplication host) => this.host = host;

    public IServiceProvider Services => host.Services;

    /// <summary>The worker's web server, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress => new(host.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/') + "/");

    public IBus Bus => Services.GetRequiredService<IBus>();

    public Evaluator Evaluator => Services.GetRequiredService<Evaluator>();

    public IVisitStore Visits => Services.GetRequiredService<IVisitStore>();

    public IPlacementStore Placement => Services.GetRequiredService<IPlacementStore>();

    /// <param name="settings">Settings added after the defaults (and so winning over them), e.g. <c>Monitor:Webhooks:0:Url</c>.</param>
    public static async Task<WorkerHost> StartAsync(TestDatabase database, TestVirtualHost virtualHost, FakeTimeProvider clock, IReadOnlyDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(virtualHost);
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Monitor:Transport"] = "RabbitMq",
            ["Monitor:Storage"] = "Postgres",
            ["Monitor:Demo"] = "false",
            ["Monitor:EvaluateEvery"] = "01:00:00",
            ["ConnectionStrings:Monitor"] = database.ConnectionString,
            ["RabbitMqTransport:Host"] = TestSettings.RabbitMqHost,
            ["RabbitMqTransport:Port"] = TestSettings.RabbitMqPort.ToString(CultureInfo.InvariantCulture),
            ["RabbitMqTransport:VHost"] = virtualHost.Name,
            ["RabbitMqTransport:User"] = TestSettings.RabbitMqUser,
            ["RabbitMqTransport:Pass"] = TestSettings.RabbitMqPass,
            ["Monitor:Web:Urls"] = "http://127.0.0.1:0",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        // Before AddMonitor, which only adds the system clock when none is registered.
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.AddMonitor();
        builder.AddMonitorWeb();
        var host = builder.Build();
        host.MapMonitorWeb();
        var worker = new WorkerHost(host);
        try
        {
            await host.StartAsync();
            await worker.WaitForStartupEvaluationAsync(database.DataSource);
            await worker.PausePeriodicEvaluationAsync();
            return worker;
        }
        catch
        {
            await worker.DisposeAsync();
            throw;
        }
    }

    public Task PublishAsync<T>(T message)
        where T : class => Bus.Publish(message);

    public async Task StopAsync()
    {
        if (!stopped)
        {
            stopped = true;
            await host.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await host.DisposeAsync();
    }

    /// <summary>
    /// Tests evaluate by hand: the periodic trigger runs on the test's clock, which jumps days at a time, and would
    /// otherwise evaluate between a jump and the events a test publishes for the new day. Paused, it stays scheduled
    /// (readiness still finds it), with the start time the worker gave it.
    /// </summary>
    private async Task PausePeriodicEvaluationAsync()
    {
        var scheduler = await Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.PauseTrigger(Schedules.EvaluationTrigger);
    }

    /// <summary>
    /// The worker evaluates once after start-up through a one-off Quartz trigger (run by any node of the cluster). Done
    /// when the trigger has been scheduled, fired and completed: no trigger of the evaluation job but the periodic one left, none firing.
    /// </summary>
    private async Task WaitForStartupEvaluationAsync(NpgsqlDataSource dataSource)
    {
        var startup = Services.GetServices<IHostedService>().OfType<StartupEvaluation>().Single();
        await Eventually.UntilAsync(() => startup.ExecuteTask?.IsCompleted ?? false, done => done, "the start-up evaluation is scheduled");
        await startup.ExecuteTask!;
        await Eventually.UntilAsync(
            async () =>
            {
                await using var command = dataSource.CreateCommand(
                    """
                    SELECT (SELECT count(*) FROM qrtz_triggers WHERE job_name = 'evaluate-targets' AND trigger_name <> 'evaluate-every')
                         + (SELECT count(*) FROM qrtz_fired_triggers WHERE job_name = 'evaluate-targets')
                    """);
                return (long)(await command.ExecuteScalarAsync())!;
            },
            pending => pending == 0,
            "the start-up evaluation has run",
            TimeSpan.FromSeconds(30));
    }
}

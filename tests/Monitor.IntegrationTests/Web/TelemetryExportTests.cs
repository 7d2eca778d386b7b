using System.Net;
using Microsoft.Extensions.Time.Testing;
using Monitor.IntegrationTests.Infrastructure;

namespace Monitor.IntegrationTests.Web;

/// <summary>
/// A worker with a scrape token and an OTLP/HTTP collector set: another machine's scraper (a forwarded request) gets in
/// with the token only, and the worker's traces (MassTransit's, Npgsql's) and metrics reach the collector.
/// </summary>
public sealed class TelemetryExportTests : IAsyncLifetime
{
    private const string Token = "3f6c0d9a71b24e58a6c1";
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(20) };
    private readonly FakeTimeProvider clock = new(WorkerEnvironment.Start);
    private OtlpReceiver? collector;
    private ConfiguredWorker? configured;

    public async Task InitializeAsync()
    {
        collector = await OtlpReceiver.StartAsync();
        configured = await ConfiguredWorker.StartAsync(clock, new Dictionary<string, string?>
        {
            ["Monitor:Telemetry:ScrapeToken"] = Token,
            ["Monitor:Telemetry:OtlpEndpoint"] = collector.Address.ToString(),
            ["Monitor:Telemetry:OtlpProtocol"] = "Http",

            // OpenTelemetry's own settings, read from configuration: export every second rather than every minute.
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "500",
        });
    }

    public async Task DisposeAsync()
    {
        if (configured is not null)
        {
            await configured.DisposeAsync();
        }

        if (collector is not null)
        {
            await collector.DisposeAsync();
        }
    }

    [Fact]
    public async Task When_a_token_is_set_should_let_a_forwarded_scrape_in_with_it_only()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await ForwardedScrapeAsync(null)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ForwardedScrapeAsync("not-the-token-at-all")).Status);

        var (status, body) = await ForwardedScrapeAsync(Token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("monitor_evaluation_duration_seconds_count", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_a_collector_is_set_should_export_traces_and_metrics_to_it_over_otlp_http()
    {
        var worker = configured!.Worker;
        await worker.PublishAsync(VisitData.Leadership("otlp", 1)[0]);
        await worker.Evaluator.EvaluateAsync(WorkerEnvironment.Institution, "leadership-visits-2024", CancellationToken.None);

        await Eventually.UntilAsync(
            () => Task.FromResult(collector!.Received("traces", "EnterpriseVisitRecorded") && collector.Received("metrics", "monitor.events.consumed")),
            received => received,
            "a consume span and the worker's metrics reach the collector",
            TimeSpan.FromSeconds(30));

        Assert.All(collector!.Exports, e => Assert.Equal("application/x-protobuf", e.ContentType));
        Assert.True(collector.Received("traces", "monitor-worker"), "spans carry the service name");
        Assert.True(collector.Received("traces", "postgresql"), "Npgsql's spans are exported");
        Assert.True(collector.Received("metrics", "monitor.target.actual"), "the gauges are exported");
    }

    private async Task<(HttpStatusCode Status, string Body)> ForwardedScrapeAsync(string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(configured!.Worker.BaseAddress, "metrics"));
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        using var response = await Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}

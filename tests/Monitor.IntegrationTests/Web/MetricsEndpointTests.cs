using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Monitor.IntegrationTests.Infrastructure;
using Monitor.Messages;
using Monitor.Worker.History;

namespace Monitor.IntegrationTests.Web;

/// <summary>
/// <c>GET /metrics</c> of the real worker on RabbitMQ and PostgreSQL: the inbound counters move by exactly what was
/// published, each rejection under its reason, a resend as de-duplicated; the gauges show what the history holds;
/// MassTransit's and Npgsql's own metrics are there; a forwarded request is refused without a token.
/// </summary>
public sealed class MetricsEndpointTests(WorkerEnvironment env) : IClassFixture<WorkerEnvironment>
{
    private const string Visit = nameof(EnterpriseVisitRecorded);
    private const string Target = "leadership-visits-2024";
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(20) };

    private readonly string run = Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task When_visits_arrive_valid_resent_invalid_conflicting_and_unreadable_should_count_each_once_under_its_outcome()
    {
        var before = await ScrapeAsync();
        var visits = VisitData.Leadership($"m-{run}", 5);
        foreach (var visit in visits)
        {
            await env.Worker.PublishAsync(visit);
        }

        await env.Worker.PublishAsync(visits[0]);
        await env.Worker.PublishAsync(visits[1] with { VisitId = $"future-{run}", VisitedOn = new DateOnly(2024, 7, 1) });
        await env.Worker.PublishAsync(visits[2] with { EmployerName = "天津另一家有限公司" });
        await env.Broker.PublishRawAsync(
            "Monitor.Messages:EnterpriseVisitRecorded",
            $$"""{"visitId":"unreadable-{{run}}","institutionId":"tjqg","tier":"Leadership","employerName":"天津某有限公司","visitedOn":"2024-05-10","mode":"Outgoing","positionsOpened":"eight"}""");
        const int Published = 9;

        await Eventually.UntilAsync(() => env.CountAsync($"SELECT count(*) FROM visits WHERE visit_id LIKE 'm-{run}-%'"), n => n == 5, "the five visits are stored");
        await Eventually.UntilAsync(() => env.Broker.Rejections, r => r.Count >= 3, "the three rejections are published");
        var after = await Eventually.UntilAsync(ScrapeAsync, m => Grown(before, m, "monitor_events_consumed_total") >= Published, $"{Published} events are counted");
        await env.SettleAsync();
        after = await ScrapeAsync();

        Assert.Equal(Published, Grown(before, after, "monitor_events_consumed_total"));
        Assert.Equal(1, Grown(before, after, "monitor_events_deduplicated_total"));
        Assert.Equal(1, Grown(before, after, "monitor_events_rejected_total", ("reason", "invalid")));
        Assert.Equal(1, Grown(before, after, "monitor_events_rejected_total", ("reason", "conflict")));
        Assert.Equal(1, Grown(before, after, "monitor_events_rejected_total", ("reason", "unreadable")));
        Assert.Equal(3, Grown(before, after, "monitor_events_rejected_total"));
    }

    [Fact]
    public async Task When_the_worker_has_evaluated_should_show_the_institutions_figures_the_history_holds_and_the_evaluation_published()
    {
        await VisitData.PublishAsync(env, env.Worker, VisitData.Leadership($"g-{run}", 3), await env.CountAsync("SELECT count(*) FROM visits") + 3);
        var institution = Assert.Single(await env.Worker.Evaluator.EvaluateAsync(WorkerEnvironment.Institution, Target, CancellationToken.None));
        await env.SettleAsync();
        var published = env.Broker.Snapshots.Last(s => s.TargetId == Target && s.UnitCode is null);
        var stored = (await env.Worker.Services.GetRequiredService<IHistoryStore>().GetLatestAsync(Target, CancellationToken.None))[0].Snapshot;

        var metrics = await Eventually.UntilAsync(
            ScrapeAsync,
            m => Gauge(m, "monitor_target_actual") == (double)published.Actual,
            "the gauges show the latest evaluation");

        Assert.Equal((null, (double)stored.Actual, (double)stored.Threshold, (int)stored.Status), (stored.UnitCode, Gauge(metrics, "monitor_target_actual"), Gauge(metrics, "monitor_target_threshold"), Gauge(metrics, "monitor_target_status")));
        Assert.Equal((double)institution.Assessment.Actual, Gauge(metrics, "monitor_target_actual"));
        Assert.Equal((double)published.Threshold, Gauge(metrics, "monitor_target_threshold"));
        Assert.Equal((double?)published.ExpectedByNow, Gauge(metrics, "monitor_target_expected"));
        Assert.Equal((int)published.Status, Gauge(metrics, "monitor_target_status"));
        Assert.Equal(0, Assert.Single(metrics.Of("monitor_outbox_backlog")).Value);
        Assert.True(metrics.Sum("monitor_evaluation_duration_seconds_count") >= 2, "the start-up evaluation and this one are timed");
    }

    [Fact]
    public async Task When_scraped_should_carry_masstransits_and_npgsqls_own_metrics()
    {
        await VisitData.PublishAsync(env, env.Worker, VisitData.Leadership($"l-{run}", 1), await env.CountAsync("SELECT count(*) FROM visits") + 1);

        var metrics = await ScrapeAsync();

        Assert.Contains(metrics.Samples, s => s.Name == "messaging_masstransit_consume_ea_total" && s.Label("messaging_masstransit_consumer_type") == "EnterpriseVisitRecordedConsumer");
        Assert.Contains(metrics.Samples, s => s.Name.StartsWith("messaging_masstransit_send", StringComparison.Ordinal));
        Assert.Contains(metrics.Samples, s => s.Name.StartsWith("db_client_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_a_request_is_forwarded_by_a_proxy_and_no_token_is_set_should_refuse_it()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(env.Worker.BaseAddress, "metrics"));
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");

        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("monitor_", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static double Grown(PrometheusText before, PrometheusText after, string name, params (string, string)[] labels) =>
        after.Sum(name, [("event_type", Visit), .. labels]) - before.Sum(name, [("event_type", Visit), .. labels]);

    /// <summary>The institution's scope (no unit label) of the target.</summary>
    private static double? Gauge(PrometheusText metrics, string name) =>
        metrics.Of(name, ("target", Target), ("institution", WorkerEnvironment.Institution)).SingleOrDefault(s => s.Label("unit") is null)?.Value;

    private async Task<PrometheusText> ScrapeAsync()
    {
        using var response = await Http.GetAsync(new Uri(env.Worker.BaseAddress, "metrics"));
        response.EnsureSuccessStatusCode();
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync());
    }
}

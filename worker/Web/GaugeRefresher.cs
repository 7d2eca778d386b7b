using System.Threading.Channels;
using Monitor.Worker.Alerts;
using Monitor.Worker.Delivery;
using Monitor.Worker.Settings;
using Monitor.Worker.Telemetry;

namespace Monitor.Worker.Web;

/// <summary>
/// Reads what the gauges report — the latest figures of every target and scope, the outbox's backlog and the
/// notifications waiting — every <see cref="TelemetryOptions.RefreshEvery"/> and after each evaluation of this replica,
/// and hands it to <see cref="MonitorMetrics.Readings"/>. A scrape then reads memory only. A failed read keeps the
/// previous figures (and is logged); the next one tries again.
/// </summary>
public sealed partial class GaugeRefresher : BackgroundService
{
    private readonly MonitorMetrics metrics;
    private readonly ILatestFigures figures;
    private readonly IAlertStore alerts;
    private readonly INotificationStore? notifications;
    private readonly TelemetryOptions options;
    private readonly ILogger<GaugeRefresher> logger;
    private readonly Channel<bool> evaluated = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <param name="notifications">The webhooks' queues; null when no webhook is configured.</param>
    public GaugeRefresher(
        MonitorMetrics metrics,
        ILatestFigures figures,
        IAlertStore alerts,
        INotificationStore? notifications,
        TelemetryOptions options,
        ILogger<GaugeRefresher> logger)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        this.metrics = metrics;
        this.figures = figures;
        this.alerts = alerts;
        this.notifications = notifications;
        this.options = options;
        this.logger = logger;
        metrics.EvaluationFinished += OnEvaluationFinished;
    }

    /// <summary>Reads everything the gauges report, now.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var latest = await figures.ReadAsync(options.UnitGauges, cancellationToken);
        var backlog = await alerts.CountUnpublishedAsync(cancellationToken);
        var pending = notifications is null ? null : await notifications.CountPendingAsync(cancellationToken);
        metrics.Readings = new GaugeReadings(
            [.. latest
                .OrderBy(f => f.TargetId, StringComparer.Ordinal)
                .ThenBy(f => f.InstitutionId, StringComparer.Ordinal)
                .ThenBy(f => f.UnitCode, StringComparer.Ordinal)],
            backlog,
            pending);
    }

    public override void Dispose()
    {
        metrics.EvaluationFinished -= OnEvaluationFinished;
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex.GetBaseException().Message);
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            wait.CancelAfter(options.RefreshEvery);
            try
            {
                await evaluated.Reader.ReadAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
            }
        }
    }

    private void OnEvaluationFinished(object? sender, EvaluationFinishedEventArgs e) => evaluated.Writer.TryWrite(true);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The metrics' figures could not be read (the gauges keep the previous ones): {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}

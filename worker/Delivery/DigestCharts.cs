using Microsoft.Extensions.Options;
using Monitor.Worker.Charts;
using Monitor.Worker.History;
using Monitor.Worker.Institutions;
using Monitor.Worker.Settings;
using Monitor.Worker.Targets;

namespace Monitor.Worker.Delivery;

/// <summary>
/// The pictures of the weekly digest (<see cref="NotificationOptions.ChartsOn"/>): for each target still running (or
/// whose books are still open), its progress chart in the webhook's scope, drawn from the history.
/// </summary>
public sealed partial class DigestCharts(
    IHistoryStore history,
    TargetCatalog targets,
    InstitutionCatalog institutions,
    DeliveryOptions delivery,
    IOptions<MonitorOptions> options,
    ILogger<DigestCharts> logger)
{
    private readonly Lazy<ChartFont?> font = new(() => ChartFont.Find(delivery.Notifications.ChartFont));
    private int warned;

    /// <summary>Whether today, in the institution's time zone, is the day the digest carries charts.</summary>
    public bool AreDue(string institutionId, DateTimeOffset now) =>
        delivery.Notifications.ChartsOn is { } day && institutions.Find(institutionId)?.LocalDate(now).DayOfWeek == day;

    /// <summary>One PNG per target with history in the scope (the institution when <paramref name="unitCode"/> is null).</summary>
    public async Task<IReadOnlyList<byte[]>> RenderAsync(string institutionId, string? unitCode, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var institution = institutions.Find(institutionId);
        if (institution is null)
        {
            return [];
        }

        if (font.Value is null)
        {
            if (Interlocked.Exchange(ref warned, 1) == 0)
            {
                LogNoFont(logger, delivery.Notifications.ChartFont ?? string.Join(", ", ChartFont.KnownFiles));
            }

            return [];
        }

        var today = institution.LocalDate(now);
        var scopeName = unitCode is null ? institution.ShortName : institution.FindUnit(unitCode)?.Name ?? unitCode;
        var images = new List<byte[]>();
        foreach (var target in targets.Select(institutionId, null))
        {
            var running = target.PeriodStart <= today && today <= (target.IsRate ? target.BooksCloseOn : target.Deadline);
            if (!running || (unitCode is not null && !target.PerUnit))
            {
                continue;
            }

            var rows = await history.GetSeriesAsync(target.Id, unitCode, target.PeriodStart, today, cancellationToken);
            if (ProgressChart.From(target, scopeName, rows) is { } chart)
            {
                images.Add(ChartImage.RenderPng(chart, font.Value, options.Value.Language));
            }
        }

        return images;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No CJK font for the digest's charts (looked for {Files}): the digest is posted without them. Install fonts-wqy-microhei or fonts-noto-cjk, or set Monitor:Notifications:ChartFont.")]
    private static partial void LogNoFont(ILogger logger, string files);
}

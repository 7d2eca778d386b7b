namespace Monitor.Worker.Telemetry;

/// <summary>
/// What the observable gauges report, read ahead of the scrape by a background refresher, so a scrape never waits on the
/// database. <paramref name="OutboxBacklog"/> and <paramref name="PendingByWebhook"/> are null when not (yet) read.
/// </summary>
public sealed record GaugeReadings(IReadOnlyList<ScopeFigures> Figures, long? OutboxBacklog, IReadOnlyDictionary<string, long>? PendingByWebhook)
{
    public static readonly GaugeReadings None = new([], null, null);
}

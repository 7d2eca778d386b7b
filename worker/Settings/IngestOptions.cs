using System.ComponentModel.DataAnnotations;

namespace Monitor.Worker.Settings;

/// <summary>
/// How visits, registrations and destination reports are written to PostgreSQL (section "Monitor:Ingest"): the events
/// the consumers hold at once are stored together, one statement and one commit per batch, each event still accepted,
/// refused or retried on its own. The defaults were measured on a 2-core machine (docs/scaling.md).
/// </summary>
public sealed class IngestOptions
{
    public const string SectionName = MonitorOptions.SectionName + ":Ingest";

    /// <summary>The most events of one type written by one statement.</summary>
    [Range(1, 5000, ErrorMessage = "Monitor:Ingest:BatchSize must be between 1 and 5000 (events per statement).")]
    public int BatchSize { get; set; } = 500;

    /// <summary>
    /// How long a write waits for more events when fewer than a batch are waiting. Zero writes at once: while one batch is
    /// written the next one fills, so batches grow with the load by themselves.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01", ErrorMessage = "Monitor:Ingest:BatchTimeLimit must be between 00:00:00 and 00:00:01.")]
    public TimeSpan BatchTimeLimit { get; set; } = TimeSpan.Zero;

    /// <summary>Batches of one event type written at the same time.</summary>
    [Range(1, 16, ErrorMessage = "Monitor:Ingest:ConcurrentWrites must be between 1 and 16.")]
    public int ConcurrentWrites { get; set; } = 1;

    /// <summary>
    /// Messages RabbitMQ hands each of the visit, registration and destination consumers before they are acknowledged,
    /// and how many each consumes at once: the events a batch can gather. 16 by default: any prefetch now survives a
    /// broker restart (Inbound/OrphanedDeliveries), but at 64 and 250 the damage suite's flood of hostile
    /// bodies left the worker holding more than 50 MB above its start, and at 250 peaking at 534 MB, while under load the
    /// benchmark measured no clear gain in speed (docs/scaling.md).
    /// </summary>
    [Range(1, 10000, ErrorMessage = "Monitor:Ingest:PrefetchCount must be between 1 and 10000.")]
    public int PrefetchCount { get; set; } = 16;

    /// <summary>Binds and validates the section now; a wrong setting is a <see cref="ConfigurationException"/> that names the key.</summary>
    public static IngestOptions Read(IConfiguration configuration) =>
        SettingsSection.Read<IngestOptions>(configuration, SectionName, ex => $"The Monitor:Ingest settings cannot be read: {ex.Message}");
}

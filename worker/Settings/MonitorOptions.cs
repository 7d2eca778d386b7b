using System.ComponentModel.DataAnnotations;

namespace Monitor.Worker.Settings;

/// <summary>The worker's settings (section "Monitor"; environment variables Monitor__Transport and so on).</summary>
public sealed class MonitorOptions
{
    public const string SectionName = "Monitor";

    /// <summary>InMemory (embedded, no servers) or RabbitMq.</summary>
    public TransportKind Transport { get; set; } = TransportKind.InMemory;

    /// <summary>InMemory (embedded, no servers) or Postgres (ConnectionStrings:Monitor).</summary>
    public StorageKind Storage { get; set; } = StorageKind.InMemory;

    [Required(ErrorMessage = "Monitor:InstitutionsFile is required: the path of the institutions file, e.g. seeds/institutions.json.")]
    public string InstitutionsFile { get; set; } = "seeds/institutions.json";

    [Required(ErrorMessage = "Monitor:TargetsFile is required: the path of the targets file, e.g. seeds/targets-2024.json.")]
    public string TargetsFile { get; set; } = "seeds/targets-2024.json";

    /// <summary>Language of alert summaries: zh-CN (default) or en.</summary>
    [RegularExpression("^(zh|zh-CN|en|en-US|en-GB)$", ErrorMessage = "Monitor:Language must be zh-CN or en.")]
    public string Language { get; set; } = "zh-CN";

    /// <summary>How often the evaluation job runs (it also runs once right after start-up).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Monitor:EvaluateEvery must be between 00:00:01 and 1.00:00:00 (e.g. 00:05:00).")]
    public TimeSpan EvaluateEvery { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Quartz cron of the daily digest, in each institution's time zone.</summary>
    [Required(ErrorMessage = "Monitor:DigestCron is required (e.g. \"0 30 8 * * ?\" for 08:30).")]
    public string DigestCron { get; set; } = "0 30 8 * * ?";

    /// <summary>Load the demo data (the 2023 baseline) at start-up; by default on with in-memory storage only.</summary>
    public bool? Demo { get; set; }

    /// <summary>The demo's events (JSON Lines, the replay's format): a past year, replayed at start-up.</summary>
    [Required(ErrorMessage = "Monitor:DemoEvents is required when the demo runs: the path of the demo's events file, e.g. seeds/demo-2023.jsonl.")]
    public string DemoEvents { get; set; } = "seeds/demo-2023.jsonl";

    /// <summary>The year of the demo's events: the targets are moved to it and labelled "2023 基线".</summary>
    [Range(2000, 2100, ErrorMessage = "Monitor:DemoYear must be a year such as 2023.")]
    public int DemoYear { get; set; } = 2023;

    /// <summary>How often the relay looks for alerts not yet published (it also runs right after every evaluation).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Monitor:RelayEvery must be between 00:00:01 and 01:00:00.")]
    public TimeSpan RelayEvery { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Chunks of institutions (<see cref="EvaluationChunk"/>) evaluated at the same time by one worker: the reads, saves and
    /// publishes of one wait on PostgreSQL and RabbitMQ while another computes.
    /// </summary>
    [Range(1, 64, ErrorMessage = "Monitor:EvaluationParallelism must be between 1 and 64 (chunks of institutions evaluated at once).")]
    public int EvaluationParallelism { get; set; } = 4;

    /// <summary>
    /// Institutions evaluated together: their targets locked together, their facts read in one query per cohort year
    /// and visit period, their alert states read in one query and saved in one transaction, their history in one
    /// statement. Larger chunks make fewer round trips and commits; a chunk's facts are what a worker holds in memory.
    /// </summary>
    [Range(1, 1000, ErrorMessage = "Monitor:EvaluationChunk must be between 1 and 1000 (institutions evaluated together).")]
    public int EvaluationChunk { get; set; } = 50;

    /// <summary>How long a publish may take before it is abandoned (a mis-declared exchange would otherwise hang it).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Monitor:PublishTimeout must be between 00:00:01 and 00:10:00.")]
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest inbound message body read; a larger one is refused unread (EventRejected, error queue).</summary>
    [Range(1024, 16 * 1024 * 1024, ErrorMessage = "Monitor:MaxBodyBytes must be between 1024 and 16777216 (e.g. 262144 for 256 KB).")]
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    public bool DemoEnabled => Demo ?? Storage == StorageKind.InMemory;

    /// <summary>Binds and validates the "Monitor" section now; a wrong setting is a <see cref="ConfigurationException"/> that names the key.</summary>
    public static MonitorOptions Read(IConfiguration configuration)
    {
        var options = SettingsSection.Read<MonitorOptions>(
            configuration,
            SectionName,
            ex => $"The Monitor settings cannot be read: {ex.Message} (Monitor__Transport: InMemory | RabbitMq; Monitor__Storage: InMemory | Postgres)");

        return Quartz.CronExpression.TryParse(options.DigestCron, out _)
            ? options
            : throw new ConfigurationException($"Monitor:DigestCron '{options.DigestCron}' is not a Quartz cron expression (seconds minutes hours day-of-month month day-of-week, e.g. \"0 30 8 * * ?\" for 08:30 every day).");
    }
}

public enum TransportKind
{
    InMemory,
    RabbitMq,
}

public enum StorageKind
{
    InMemory,
    Postgres,
}

using Quartz;

namespace Monitor.Worker.Evaluation;

/// <summary>The names of Monitor's Quartz jobs and triggers, shared by the wiring, the health check and the tools.</summary>
public static class Schedules
{
    public const string Group = "monitor";

    /// <summary>The periodic evaluation of every target (Monitor:EvaluateEvery).</summary>
    public static readonly JobKey EvaluationJob = new("evaluate-targets", Group);

    public static readonly TriggerKey EvaluationTrigger = new("evaluate-every", Group);

    /// <summary>The daily digests of every institution, walked by time zone; one job, however many institutions.</summary>
    public static readonly JobKey DigestJob = new("daily-digest", Group);

    /// <summary>The daily digest's trigger in one time zone (Monitor:DigestCron in that zone), for the institutions there.</summary>
    public static TriggerKey DigestTrigger(TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return new($"daily-digest@{zone.Id}", Group);
    }

    /// <summary>A digest job of one institution ("daily-digest-{institution}"), as versions before the one job stored them.</summary>
    public static bool IsRetiredDigestJob(JobKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Group == Group && key.Name.StartsWith("daily-digest-", StringComparison.Ordinal);
    }
}

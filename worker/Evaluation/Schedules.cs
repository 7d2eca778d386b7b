using Quartz;

namespace Monitor.Worker.Evaluation;

/// <summary>The names of Monitor's Quartz jobs and triggers, shared by the wiring, the health check and the tools.</summary>
public static class Schedules
{
    public const string Group = "monitor";

    /// <summary>The periodic evaluation of every target (Monitor:EvaluateEvery).</summary>
    public static readonly JobKey EvaluationJob = new("evaluate-targets", Group);

    public static readonly TriggerKey EvaluationTrigger = new("evaluate-every", Group);

    /// <summary>An institution's daily digest (Monitor:DigestCron in its time zone).</summary>
    public static JobKey DigestJob(string institutionId) => new($"daily-digest-{institutionId}", Group);

    public static TriggerKey DigestTrigger(string institutionId) => new($"daily-digest-{institutionId}", Group);
}

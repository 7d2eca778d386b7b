using MassTransit;
using Microsoft.Extensions.Options;
using Monitor.Worker.Alerts;
using Monitor.Worker.Settings;
using Monitor.Worker.Institutions;
using Quartz;
using Monitor.Worker.Targets;

namespace Monitor.Worker.Evaluation;

/// <summary>Publishes one DailyDigest for an institution, on its cron in its own time zone.</summary>
[DisallowConcurrentExecution]
public sealed partial class DigestJob(Evaluator evaluator, IAlertStore alerts, InstitutionCatalog institutions, IBus bus, TimeProvider clock, IOptions<MonitorOptions> options, ILogger<DigestJob> logger) : IJob
{
    public const string InstitutionKey = "institutionId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var institution = institutions.Find(context.MergedJobDataMap.GetString(InstitutionKey))
            ?? throw new InvalidOperationException($"The digest job {context.JobDetail.Key} names no configured institution.");
        var evaluations = await evaluator.EvaluateAsync(institution.Id, null, cancellationToken);
        var now = clock.GetUtcNow();
        var today = institution.LocalDate(now);

        // Like with like: today's announced status against the one announced at the end of yesterday.
        var startOfToday = institution.StartOf(today);
        var states = (await alerts.GetStatesAsync([.. evaluations.Select(e => e.Target.Id).Distinct()], cancellationToken))
            .ToDictionary(s => (s.TargetId, s.ScopeKey));
        var digest = DailyDigestBuilder.Build(
            institution.Id,
            institution.ShortName,
            evaluations,
            e => states.GetValueOrDefault((e.Target.Id, ScopeKeys.For(e.InstitutionId, e.UnitCode)))?.AnnouncedBefore(startOfToday),
            today,
            now,
            options.Value.Language);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.PublishTimeout);
        await bus.Publish(digest, c => c.MessageId = digest.DigestId, timeout.Token);
        LogPublished(logger, digest.DigestId, institution.Id, digest.Date, digest.Lines.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Daily digest {DigestId} published for {InstitutionId} on {Date} ({Lines} lines)")]
    private static partial void LogPublished(ILogger logger, Guid digestId, string institutionId, DateOnly date, int lines);
}

using MassTransit;
using Microsoft.Extensions.Options;
using Monitor.Worker.Alerts;
using Monitor.Worker.Settings;
using Monitor.Worker.Institutions;
using Quartz;

namespace Monitor.Worker.Evaluation;

/// <summary>Publishes one DailyDigest for an institution, on its cron in its own time zone.</summary>
[DisallowConcurrentExecution]
public sealed partial class DigestJob(Evaluator evaluator, InstitutionCatalog institutions, IBus bus, TimeProvider clock, IOptions<MonitorOptions> options, ILogger<DigestJob> logger) : IJob
{
    public const string InstitutionKey = "institutionId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var institution = institutions.Find(context.MergedJobDataMap.GetString(InstitutionKey))
            ?? throw new InvalidOperationException($"The digest job {context.JobDetail.Key} names no configured institution.");
        var evaluations = await evaluator.EvaluateAsync(institution.Id, null, cancellationToken);
        var now = clock.GetUtcNow();
        var digest = DailyDigestBuilder.Build(institution.Id, institution.ShortName, evaluations, institution.LocalDate(now), now, options.Value.Language);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.PublishTimeout);
        await bus.Publish(digest, c => c.MessageId = digest.DigestId, timeout.Token);
        LogPublished(logger, digest.DigestId, institution.Id, digest.Date, digest.Lines.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Daily digest {DigestId} published for {InstitutionId} on {Date} ({Lines} lines)")]
    private static partial void LogPublished(ILogger logger, Guid digestId, string institutionId, DateOnly date, int lines);
}

using MassTransit;
using Microsoft.Extensions.Options;
using Monitor.Worker.Alerts;
using Monitor.Worker.Settings;
using Monitor.Worker.Institutions;
using Quartz;
using Monitor.Worker.Targets;

namespace Monitor.Worker.Evaluation;

/// <summary>
/// Makes each institution's DailyDigest on the digest's cron, keeps it (the robots post digests only from there), then
/// publishes it: one job for every institution, fired by one trigger per time zone, that walks the institutions of its
/// zone (all of them when started by hand). One institution's failure does not hold back the others' digests.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class DigestJob(
    Evaluator evaluator,
    IAlertStore alerts,
    IDigestStore digests,
    ISilenceStore silences,
    InstitutionCatalog institutions,
    TargetCatalog targets,
    IBus bus,
    TimeProvider clock,
    IOptions<MonitorOptions> options,
    ILogger<DigestJob> logger) : IJob
{
    /// <summary>The job data of a trigger: the time zone whose institutions it covers.</summary>
    public const string TimeZoneKey = "timeZone";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var zone = context.MergedJobDataMap.GetString(TimeZoneKey);
        var failed = new List<string>();
        foreach (var institution in institutions.All.Where(i => zone is null || i.TimeZone.Id == zone))
        {
            try
            {
                await PublishAsync(institution, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogFailed(logger, ex, institution.Id);
                failed.Add(institution.Id);
            }
        }

        if (failed.Count > 0)
        {
            throw new JobExecutionException($"The daily digest of {string.Join(", ", failed)} could not be published (see the errors logged before).");
        }
    }

    private async Task PublishAsync(Institution institution, CancellationToken cancellationToken)
    {
        var evaluations = await evaluator.EvaluateAsync(institution.Id, null, cancellationToken);
        var now = clock.GetUtcNow();
        var today = institution.LocalDate(now);
        var language = options.Value.Language;

        // Like with like: today's announced status against the one announced at the end of yesterday.
        var startOfToday = institution.StartOf(today);
        var states = (await alerts.GetStatesAsync([.. evaluations.Select(e => e.Target.Id).Distinct()], cancellationToken))
            .ToDictionary(s => (s.TargetId, s.ScopeKey));
        AlertState? State(ScopeEvaluation e) => states.GetValueOrDefault((e.Target.Id, ScopeKeys.For(e.InstitutionId, e.UnitCode)));
        var inForce = (await silences.GetActiveAsync(now, cancellationToken))
            .Where(s => s.InstitutionId == institution.Id)
            .Select(s => SilenceText.Line(s, institutions, targets, language))
            .ToList();
        var digest = DailyDigestBuilder.Build(
            institution.Id,
            institution.ShortName,
            evaluations,
            e => State(e)?.AnnouncedBefore(startOfToday),
            today,
            now,
            language,
            e => State(e) is { } state && state.Status == e.AnnouncedStatus ? institution.LocalDate(state.StatusSince) : null,
            inForce);
        await digests.SaveAsync(digest, cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.PublishTimeout);
        await bus.Publish(digest, c => c.MessageId = digest.DigestId, timeout.Token);
        LogPublished(logger, digest.DigestId, institution.Id, digest.Date, digest.Lines.Count);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The daily digest of {InstitutionId} could not be published")]
    private static partial void LogFailed(ILogger logger, Exception exception, string institutionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Daily digest {DigestId} published for {InstitutionId} on {Date} ({Lines} lines)")]
    private static partial void LogPublished(ILogger logger, Guid digestId, string institutionId, DateOnly date, int lines);
}

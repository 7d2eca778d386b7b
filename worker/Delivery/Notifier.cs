using System.Collections.Concurrent;
using System.Diagnostics;
using Monitor.Messages;
using Monitor.Worker.Alerts;
using Monitor.Worker.Institutions;
using Monitor.Worker.Targets;

namespace Monitor.Worker.Delivery;

/// <summary>
/// Posts to the robots what this Monitor wrote, and nothing else: every <c>CheckEvery</c> it hands the new alerts of the
/// outbox and the new digests to the queues of the webhooks whose route takes them, then posts each group that is due
/// (<see cref="NotificationRules.IsDue"/>) as one message, leaving out what a silence covers. The bus is not read: a
/// message someone else publishes to the alert or digest exchange reaches no robot. Each webhook is served on its own,
/// one group at a time, so a robot that fails holds up only its own messages; a group it did not take is tried again
/// after 1 s, 5 s, 30 s, 2 min, then every 5 min, and after a refusal a retry cannot heal, after an hour.
/// </summary>
public sealed partial class Notifier(
    DeliveryOptions delivery,
    INotificationStore store,
    ISilenceStore silences,
    IAlertStore alerts,
    InstitutionCatalog institutions,
    TargetCatalog targets,
    NotificationPlanner planner,
    WebhookClient client,
    DigestCharts charts,
    TimeProvider clock,
    ILogger<Notifier> logger) : BackgroundService
{
    public static readonly TimeSpan[] RetryIntervals =
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5)];

    /// <summary>How long a group waits after its robot refused the webhook itself (a wrong key, a removed robot): until someone fixes the settings.</summary>
    public static readonly TimeSpan RefusedPause = TimeSpan.FromHours(1);

    private readonly QuietHours quiet = new(delivery.Notifications.QuietHours);
    private readonly ConcurrentDictionary<(string Webhook, string Group), (int Failures, long NotBefore)> retries = new();
    private readonly ConcurrentDictionary<(string Webhook, string Group), DateTimeOffset> held = new();

    /// <summary>One round: hand over what is new, then post every group that is due.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await store.QueueNewAsync(RouteAlert, RouteDigest, now, cancellationToken);
        var groups = await store.GetPendingGroupsAsync(cancellationToken);
        if (groups.Count == 0)
        {
            return;
        }

        var active = await silences.GetActiveAsync(now, cancellationToken);
        var webhooks = delivery.Webhooks.ToDictionary(w => w.Name, StringComparer.Ordinal);
        await Task.WhenAll(groups
            .Where(g => webhooks.ContainsKey(g.Webhook))
            .GroupBy(g => g.Webhook)
            .Select(g => SendAllAsync(webhooks[g.Key], [.. g.OrderBy(x => x.FirstSince)], now, active, cancellationToken)));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(delivery.Notifications.CheckEvery);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRoundFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private IReadOnlyList<string> RouteAlert(TargetStatusChanged alert) =>
        [.. delivery.Webhooks.Where(w => w.Wants(alert)).Select(w => w.Name)];

    private IReadOnlyList<string> RouteDigest(DailyDigest digest) =>
        [.. delivery.Webhooks.Where(w => w.WantsDigest(digest.InstitutionId) && (w.Unit is null || digest.Lines.Any(l => l.UnitCode == w.Unit))).Select(w => w.Name)];

    private async Task SendAllAsync(WebhookOptions webhook, IReadOnlyList<PendingGroup> groups, DateTimeOffset now, IReadOnlyList<Silence> active, CancellationToken cancellationToken)
    {
        foreach (var group in groups)
        {
            var key = (webhook.Name, group.GroupKey);
            if (retries.TryGetValue(key, out var retry) && Stopwatch.GetTimestamp() < retry.NotBefore)
            {
                continue;
            }

            var zone = institutions.Find(group.InstitutionId)?.TimeZone ?? TimeZoneInfo.Utc;
            var quietHours = webhook.QuietHours && quiet.Enabled ? quiet : null;
            if (!NotificationRules.IsDue(group, now, delivery.Notifications.GroupWait, quietHours, zone))
            {
                if (quietHours is not null && NotificationRules.IsDue(group, now, delivery.Notifications.GroupWait, null, zone) && held.TryAdd(key, now))
                {
                    var until = quietHours.End(TimeZoneInfo.ConvertTime(now, zone).DateTime);
                    LogHeld(logger, webhook.Name, group.GroupKey, until);
                }

                continue;
            }

            try
            {
                Func<DailyDigest, DigestLine, DateTimeOffset?> since = group.Kind == NotificationKind.Digest ? await StatusSinceAsync(group.InstitutionId, cancellationToken) : (_, _) => null;
                var result = await store.SendAsync(
                    webhook.Name,
                    group.GroupKey,
                    items => planner.Plan(webhook, items, active, since, quietHours),
                    (message, ct) => PostAsync(webhook, group, message, now, ct),
                    cancellationToken);
                retries.TryRemove(key, out _);
                held.TryRemove(key, out _);
                Log(webhook, group, result);
            }
            catch (WebhookRejectedException ex)
            {
                retries[key] = (retry.Failures + 1, After(RefusedPause));
                LogRejected(logger, webhook.Name, group.GroupKey, RefusedPause, ex.Message);
            }
            catch (WebhookException ex)
            {
                var pause = RetryIntervals[Math.Min(retry.Failures, RetryIntervals.Length - 1)];
                retries[key] = (retry.Failures + 1, After(pause));
                LogFailed(logger, webhook.Name, group.GroupKey, pause, ex.Message);
            }
        }
    }

    /// <summary>
    /// The message; then, on the day the digest carries charts, each chart as a WeCom image message. The charts are a
    /// courtesy: one that cannot be drawn or posted is logged, and the digest stays delivered (never posted twice).
    /// </summary>
    private async Task PostAsync(WebhookOptions webhook, PendingGroup group, WebhookMessage message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await client.PostAsync(webhook, message, cancellationToken);
        if (group.Kind != NotificationKind.Digest || webhook.Kind != WebhookKind.WeCom || !charts.AreDue(group.InstitutionId, now))
        {
            return;
        }

        try
        {
            foreach (var png in await charts.RenderAsync(group.InstitutionId, webhook.Unit, now, cancellationToken))
            {
                await client.PostImageAsync(webhook, png, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogChartsFailed(logger, webhook.Name, group.InstitutionId, ex.Message);
        }
    }

    /// <summary>When each scope's announced status began, for the digest's "已持续 N 天".</summary>
    private async Task<Func<DailyDigest, DigestLine, DateTimeOffset?>> StatusSinceAsync(string institutionId, CancellationToken cancellationToken)
    {
        var states = (await alerts.GetStatesAsync([.. targets.Select(institutionId, null).Select(t => t.Id)], cancellationToken))
            .ToDictionary(s => (s.TargetId, s.ScopeKey));
        return (digest, line) => states.TryGetValue((line.TargetId, ScopeKeys.For(digest.InstitutionId, line.UnitCode)), out var state) && state.Status == line.Status
            ? state.StatusSince
            : null;
    }

    private void Log(WebhookOptions webhook, PendingGroup group, SendResult? result)
    {
        if (result is null)
        {
            return;
        }

        var plan = result.Plan;
        var silenced = plan.States.Values.Count(s => s == QueueState.Silenced);
        var sent = plan.States.Values.Count(s => s == QueueState.Sent);
        if (silenced > 0)
        {
            LogSilenced(logger, webhook.Name, silenced, group.GroupKey);
        }

        if (result.Posted)
        {
            LogPosted(logger, webhook.Name, webhook.Kind!.Value, plan.MessageType, plan.MessageId, sent);
        }
        else if (result.AlreadyPosted)
        {
            LogAlreadyPosted(logger, webhook.Name, plan.MessageType, plan.MessageId);
        }
        else if (plan.States.Values.Any(s => s == QueueState.Quiet))
        {
            LogQuietDigest(logger, webhook.Name, plan.MessageId);
        }
    }

    private static long After(TimeSpan pause) => Stopwatch.GetTimestamp() + (long)(pause.TotalSeconds * Stopwatch.Frequency);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {Webhook} ({Kind}) posted {MessageType} {MessageId} ({Items} items)")]
    private static partial void LogPosted(ILogger logger, string webhook, WebhookKind kind, string messageType, Guid messageId, int items);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {Webhook} already has {MessageType} {MessageId}; not posted again")]
    private static partial void LogAlreadyPosted(ILogger logger, string webhook, string messageType, Guid messageId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {Webhook}: {Count} alert(s) of {Group} silenced, not posted")]
    private static partial void LogSilenced(ILogger logger, string webhook, int count, string group);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {Webhook}: {Group} held by the quiet hours until {Until:yyyy-MM-dd HH:mm} local time")]
    private static partial void LogHeld(ILogger logger, string webhook, string group, DateTime until);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {Webhook}: digest {DigestId} is of a quiet day (weekend or holiday); not posted")]
    private static partial void LogQuietDigest(ILogger logger, string webhook, Guid digestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Webhook} failed to take {Group}; it is tried again in {Pause}: {Reason}")]
    private static partial void LogFailed(ILogger logger, string webhook, string group, TimeSpan pause, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook {Webhook} refused {Group} in a way a retry cannot heal; it is tried again in {Pause} or when the worker restarts. Fix the webhook's settings: {Reason}")]
    private static partial void LogRejected(ILogger logger, string webhook, string group, TimeSpan pause, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A round of notifications failed; what waits stays queued and is tried again")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The digest's charts were not posted to webhook '{Webhook}' for {InstitutionId}: {Reason}")]
    private static partial void LogChartsFailed(ILogger logger, string webhook, string institutionId, string reason);
}

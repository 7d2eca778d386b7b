using System.Collections.Concurrent;
using Monitor.Messages;
using Monitor.Worker.Alerts;
using Monitor.Worker.Targets;

namespace Monitor.Worker.Delivery;

/// <summary>
/// The embedded default: the webhooks' queues and delivery records in process memory, lost on restart. It reads the
/// in-memory outbox through the alert store (every target's alerts) and the digest store, and remembers what it has seen.
/// </summary>
public sealed class InMemoryNotificationStore(IAlertStore alerts, IDigestStore digests, TargetCatalog targets, TimeProvider clock) : INotificationStore, IDisposable
{
    private readonly Lock gate = new();
    private readonly SemaphoreSlim queueing = new(1, 1);
    private readonly HashSet<Guid> seen = [];
    private readonly List<Entry> entries = [];
    private readonly Dictionary<(string Webhook, Guid MessageId), WebhookDelivery> delivered = [];
    private readonly ConcurrentDictionary<(string Webhook, string GroupKey), SemaphoreSlim> groupLocks = new();

    public async Task<int> QueueNewAsync(Func<TargetStatusChanged, IReadOnlyList<string>> routeAlert, Func<DailyDigest, IReadOnlyList<string>> routeDigest, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(routeAlert);
        ArgumentNullException.ThrowIfNull(routeDigest);
        await queueing.WaitAsync(cancellationToken);
        try
        {
            var handed = 0;
            foreach (var target in targets.All)
            {
                foreach (var alert in await alerts.GetAlertsAsync(target.Id, cancellationToken))
                {
                    if (Take(alert.AlertId))
                    {
                        handed++;
                        var webhooks = NotificationRules.IsTooOld(alert.EvaluatedAt, now) ? [] : routeAlert(alert);
                        Queue(webhooks, alert.AlertId, NotificationKind.Alert, NotificationRules.GroupKey(alert), alert.EvaluatedAt, alert.Severity, alert, null);
                    }
                }
            }

            foreach (var digest in await digests.GetSinceAsync(now - NotificationRules.MaxAge, cancellationToken))
            {
                if (Take(digest.DigestId))
                {
                    handed++;
                    Queue(routeDigest(digest), digest.DigestId, NotificationKind.Digest, NotificationRules.DigestGroupKey(digest.InstitutionId), digest.GeneratedAt, AlertSeverity.Info, null, digest);
                }
            }

            return handed;
        }
        finally
        {
            queueing.Release();
        }
    }

    public Task<IReadOnlyList<PendingGroup>> GetPendingGroupsAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<PendingGroup>>(
            [
                .. entries.Where(e => e.State == QueueState.Pending)
                    .GroupBy(e => (e.Webhook, e.GroupKey))
                    .Select(g => new PendingGroup(g.Key.Webhook, g.Key.GroupKey, g.First().Kind, g.First().InstitutionId, g.Min(e => e.Since), g.Max(e => e.Severity))),
            ]);
        }
    }

    public async Task<SendResult?> SendAsync(string webhook, string groupKey, Func<IReadOnlyList<QueuedItem>, NotificationPlan> plan, Func<WebhookMessage, CancellationToken, Task> post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(post);
        var groupLock = groupLocks.GetOrAdd((webhook, groupKey), _ => new SemaphoreSlim(1, 1));
        if (!await groupLock.WaitAsync(0, cancellationToken))
        {
            return null;
        }

        try
        {
            List<Entry> pending;
            lock (gate)
            {
                pending = [.. entries.Where(e => e.Webhook == webhook && e.GroupKey == groupKey && e.State == QueueState.Pending).OrderBy(e => e.Since).ThenBy(e => e.SourceId)];
            }

            if (pending.Count == 0)
            {
                return null;
            }

            var decided = plan([.. pending.Select(e => new QueuedItem(e.SourceId, e.Alert, e.Digest))]);
            bool already;
            lock (gate)
            {
                already = delivered.ContainsKey((webhook, decided.MessageId));
            }

            var posted = false;
            if (decided.Message is not null && !already)
            {
                await post(decided.Message, cancellationToken);
                posted = true;
            }

            lock (gate)
            {
                var now = clock.GetUtcNow();
                if (posted)
                {
                    delivered[(webhook, decided.MessageId)] = new WebhookDelivery(webhook, decided.MessageId, decided.MessageType, now);
                }

                foreach (var entry in pending)
                {
                    entry.State = decided.States.GetValueOrDefault(entry.SourceId, QueueState.Sent);
                    entry.NotificationId = entry.State == QueueState.Sent ? decided.MessageId : null;
                }
            }

            return new SendResult(decided, posted, decided.Message is not null && already);
        }
        finally
        {
            groupLock.Release();
        }
    }

    public Task<IReadOnlyList<WebhookDelivery>> GetDeliveriesAsync(Guid messageId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<WebhookDelivery>>([.. delivered.Values.Where(d => d.MessageId == messageId).OrderBy(d => d.Webhook, StringComparer.Ordinal)]);
        }
    }

    public Task<IReadOnlyList<QueueEntry>> GetQueueAsync(string webhook, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<QueueEntry>>(
                [.. entries.Where(e => e.Webhook == webhook).OrderBy(e => e.Since).ThenBy(e => e.SourceId).Select(e => new QueueEntry(e.Webhook, e.SourceId, e.Kind, e.GroupKey, e.State, e.NotificationId))]);
        }
    }

    public Task<IReadOnlyDictionary<string, long>> CountPendingAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyDictionary<string, long>>(
                entries.Where(e => e.State == QueueState.Pending).GroupBy(e => e.Webhook, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.LongCount(), StringComparer.Ordinal));
        }
    }

    public void Dispose()
    {
        queueing.Dispose();
        foreach (var groupLock in groupLocks.Values)
        {
            groupLock.Dispose();
        }
    }

    private bool Take(Guid id)
    {
        lock (gate)
        {
            return seen.Add(id);
        }
    }

    private void Queue(IReadOnlyList<string> webhooks, Guid id, NotificationKind kind, string groupKey, DateTimeOffset since, AlertSeverity severity, TargetStatusChanged? alert, DailyDigest? digest)
    {
        var institutionId = alert?.InstitutionId ?? digest!.InstitutionId;
        lock (gate)
        {
            foreach (var webhook in webhooks.Distinct(StringComparer.Ordinal))
            {
                entries.Add(new Entry(webhook, id, kind, groupKey, institutionId, since, severity, alert, digest));
            }
        }
    }

    private sealed class Entry(string webhook, Guid sourceId, NotificationKind kind, string groupKey, string institutionId, DateTimeOffset since, AlertSeverity severity, TargetStatusChanged? alert, DailyDigest? digest)
    {
        public string Webhook { get; } = webhook;

        public Guid SourceId { get; } = sourceId;

        public NotificationKind Kind { get; } = kind;

        public string GroupKey { get; } = groupKey;

        public string InstitutionId { get; } = institutionId;

        public DateTimeOffset Since { get; } = since;

        public AlertSeverity Severity { get; } = severity;

        public TargetStatusChanged? Alert { get; } = alert;

        public DailyDigest? Digest { get; } = digest;

        public QueueState State { get; set; } = QueueState.Pending;

        public Guid? NotificationId { get; set; }
    }
}

using Monitor.Messages;
using Monitor.Worker.Alerts;
using Monitor.Worker.Institutions;

namespace Monitor.Worker.Delivery;

/// <summary>
/// Decides what a due group becomes for one webhook: the alerts no silence covers, arranged and rendered as one message;
/// or the newest digest, unless it is of a quiet day. Pure: everything it needs is passed in.
/// </summary>
public sealed class NotificationPlanner(WebhookMarkdown markdown, InstitutionCatalog institutions)
{
    public const string AlertType = nameof(TargetStatusChanged);
    public const string AlertGroupType = "AlertGroup";
    public const string DigestType = nameof(DailyDigest);

    /// <param name="webhook">The webhook it is for (its unit shapes the digest).</param>
    /// <param name="items">What waits in the group, as the outbox holds it.</param>
    /// <param name="silences">The silences in force now.</param>
    /// <param name="since">When a digest line's announced status began.</param>
    /// <param name="quiet">The quiet hours the webhook keeps, or null.</param>
    public NotificationPlan Plan(WebhookOptions webhook, IReadOnlyList<QueuedItem> items, IReadOnlyList<Silence> silences, Func<DailyDigest, DigestLine, DateTimeOffset?> since, QuietHours? quiet)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(silences);
        ArgumentNullException.ThrowIfNull(since);
        var digests = items.Where(i => i.Digest is not null).Select(i => i.Digest!).ToList();
        return digests.Count > 0 ? PlanDigest(webhook, digests, silences, since, quiet) : PlanAlerts([.. items.Select(i => i.Alert!)], silences);
    }

    private NotificationPlan PlanAlerts(IReadOnlyList<TargetStatusChanged> alerts, IReadOnlyList<Silence> silences)
    {
        var states = new Dictionary<Guid, QueueState>();
        var posted = new List<TargetStatusChanged>();
        foreach (var alert in alerts)
        {
            var silenced = silences.Any(s => s.Covers(alert.TargetId, alert.InstitutionId, alert.UnitCode));
            states[alert.AlertId] = silenced ? QueueState.Silenced : QueueState.Sent;
            if (!silenced)
            {
                posted.Add(alert);
            }
        }

        if (posted.Count == 0)
        {
            return new NotificationPlan(NotificationRules.MessageId([.. alerts.Select(a => a.AlertId)]), AlertGroupType, null, states);
        }

        var arranged = NotificationRules.Arrange(posted, institutions.Find(posted[0].InstitutionId));
        return new NotificationPlan(
            NotificationRules.MessageId([.. posted.Select(a => a.AlertId)]),
            arranged.Count == 1 && posted.Count == 1 ? AlertType : AlertGroupType,
            markdown.Alerts(arranged),
            states);
    }

    private NotificationPlan PlanDigest(WebhookOptions webhook, IReadOnlyList<DailyDigest> digests, IReadOnlyList<Silence> silences, Func<DailyDigest, DigestLine, DateTimeOffset?> since, QuietHours? quiet)
    {
        var newest = digests.OrderBy(d => d.Date).ThenBy(d => d.GeneratedAt).Last();
        var states = digests.ToDictionary(d => d.DigestId, d => d.DigestId == newest.DigestId ? QueueState.Sent : QueueState.Superseded);
        if (quiet?.IsQuietDay(newest.Date) == true)
        {
            states[newest.DigestId] = QueueState.Quiet;
            return new NotificationPlan(newest.DigestId, DigestType, null, states);
        }

        var message = markdown.Digest(newest, webhook.Unit, line => since(newest, line), silences);
        return new NotificationPlan(newest.DigestId, DigestType, message, states);
    }
}

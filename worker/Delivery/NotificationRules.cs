using Monitor.Messages;
using Monitor.Worker.Alerts;
using Monitor.Worker.Institutions;

namespace Monitor.Worker.Delivery;

/// <summary>
/// How alerts become notifications, as Alertmanager does it: grouped by institution and target within a window, due
/// once the window has passed and the quiet hours are over (at once when something Critical waits), each posted message
/// with an id derived from the alerts it carries. Pure.
/// </summary>
public static class NotificationRules
{
    /// <summary>An alert or digest older than this when first seen is not posted: the digest has covered it since.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(1);

    public static string GroupKey(TargetStatusChanged alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return $"{alert.InstitutionId}|{alert.TargetId}";
    }

    public static string DigestGroupKey(string institutionId) => $"{institutionId}|digest";

    public static bool IsTooOld(DateTimeOffset made, DateTimeOffset now) => now - made > MaxAge;

    /// <summary>
    /// Whether the group may be posted at <paramref name="now"/>: alerts once <paramref name="groupWait"/> has passed since
    /// the first of them; then at once if one is Critical, otherwise only outside the quiet hours (null: the webhook keeps none).
    /// </summary>
    public static bool IsDue(PendingGroup group, DateTimeOffset now, TimeSpan groupWait, QuietHours? quiet, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(zone);
        if (group.Kind == NotificationKind.Alert && now < group.FirstSince + groupWait)
        {
            return false;
        }

        return quiet is null || group.HighestSeverity == AlertSeverity.Critical || !quiet.IsQuiet(TimeZoneInfo.ConvertTime(now, zone).DateTime);
    }

    /// <summary>One alert's message is known by its AlertId; several alerts' by an id derived from theirs, whatever their order.</summary>
    public static Guid MessageId(IReadOnlyCollection<Guid> alertIds)
    {
        ArgumentNullException.ThrowIfNull(alertIds);
        return alertIds.Count == 1
            ? alertIds.First()
            : AlertIds.FromName("notification|" + string.Join('|', alertIds.Order().Select(id => id.ToString("D"))));
    }

    /// <summary>
    /// The alerts as a leader reads them: the latest of each scope (a scope that changed twice while the message waited
    /// shows its latest change), the institution first, then the units worst first (severity, then status, then the
    /// units' order in the institutions file).
    /// </summary>
    public static IReadOnlyList<TargetStatusChanged> Arrange(IEnumerable<TargetStatusChanged> alerts, Institution? institution)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        var order = institution?.Units.Select((u, i) => (u.Code, i)).ToDictionary(x => x.Code, x => x.i, StringComparer.Ordinal) ?? [];
        return
        [
            .. alerts
                .GroupBy(a => a.UnitCode ?? "")
                .Select(scope => scope.OrderBy(a => a.EvaluatedAt).ThenBy(a => a.AlertId).Last())
                .OrderBy(a => a.UnitCode is null ? 0 : 1)
                .ThenByDescending(a => a.Severity)
                .ThenBy(a => Badness(a.Current))
                .ThenBy(a => a.UnitCode is { } code && order.TryGetValue(code, out var i) ? i : int.MaxValue)
                .ThenBy(a => a.UnitCode, StringComparer.Ordinal),
        ];
    }

    /// <summary>Worst first: Missed, OffTrack, AtRisk, NoData, Pending, OnTrack, Met.</summary>
    public static int Badness(TargetStatus status) => status switch
    {
        TargetStatus.Missed => 0,
        TargetStatus.OffTrack => 1,
        TargetStatus.AtRisk => 2,
        TargetStatus.NoData => 3,
        TargetStatus.Pending => 4,
        TargetStatus.OnTrack => 5,
        _ => 6,
    };
}

using Monitor.Messages;

namespace Monitor.Worker.Delivery;

/// <summary>What waits for one webhook in one group (an institution and target, or an institution's digests).</summary>
/// <param name="Webhook">The webhook's name.</param>
/// <param name="GroupKey">"institution|target" or "institution|digest".</param>
/// <param name="Kind">Alerts or digests.</param>
/// <param name="InstitutionId">The institution, whose time zone the quiet hours are read in.</param>
/// <param name="FirstSince">When the oldest item was made (an alert's evaluation, a digest's generation): the group window counts from it.</param>
/// <param name="HighestSeverity">The highest severity waiting (Info for digests).</param>
public sealed record PendingGroup(string Webhook, string GroupKey, NotificationKind Kind, string InstitutionId, DateTimeOffset FirstSince, AlertSeverity HighestSeverity);

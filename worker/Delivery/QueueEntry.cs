namespace Monitor.Worker.Delivery;

/// <summary>An alert or digest in a webhook's queue, and what became of it.</summary>
/// <param name="Webhook">The webhook's name.</param>
/// <param name="SourceId">The AlertId or DigestId.</param>
/// <param name="Kind">Alert or digest.</param>
/// <param name="GroupKey">Its group: "institution|target" or "institution|digest".</param>
/// <param name="State">Pending, or what became of it.</param>
/// <param name="NotificationId">The message that carried it, once sent.</param>
public sealed record QueueEntry(string Webhook, Guid SourceId, NotificationKind Kind, string GroupKey, QueueState State, Guid? NotificationId);

namespace Monitor.Worker.Delivery;

/// <summary>What waits in a webhook's queue: an alert (grouped with others of its institution and target) or a digest.</summary>
public enum NotificationKind
{
    Alert,
    Digest,
}

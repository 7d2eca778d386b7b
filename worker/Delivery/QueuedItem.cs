using Monitor.Messages;

namespace Monitor.Worker.Delivery;

/// <summary>One alert or digest waiting for a webhook, as this Monitor wrote it in its outbox (never as it arrived on an exchange).</summary>
public sealed record QueuedItem(Guid SourceId, TargetStatusChanged? Alert, DailyDigest? Digest);

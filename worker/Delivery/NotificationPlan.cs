namespace Monitor.Worker.Delivery;

/// <summary>
/// What to do with a group that is due: post <see cref="Message"/> under <see cref="MessageId"/> (none when everything
/// in it is silenced or quiet), and what becomes of each queued item.
/// </summary>
/// <param name="MessageId">The message's id: an alert's AlertId, a digest's DigestId, or for several alerts one derived from their ids.</param>
/// <param name="MessageType">TargetStatusChanged, AlertGroup or DailyDigest, as the delivery records name it.</param>
/// <param name="Message">What is posted, or null when nothing is.</param>
/// <param name="States">Each queued item's new state, by its id.</param>
public sealed record NotificationPlan(Guid MessageId, string MessageType, WebhookMessage? Message, IReadOnlyDictionary<Guid, QueueState> States);

namespace Monitor.Worker.Delivery;

/// <summary>What happened to a due group: the plan carried out, and whether its message was posted now or had been before.</summary>
public sealed record SendResult(NotificationPlan Plan, bool Posted, bool AlreadyPosted);

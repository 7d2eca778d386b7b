namespace Monitor.Worker.Tools.Replay;

/// <summary>An inbound event to replay and when it reaches the worker.</summary>
/// <param name="Message">One of the five inbound contracts (a visit, a cancellation, a registration, a withdrawal, a destination report).</param>
/// <param name="ArrivesAt">When it arrives; null for an event with no date, which arrives before the first evaluation.</param>
/// <param name="Source">Where it came from, for messages about it (the demo, or a file and line).</param>
public sealed record ReplayEvent(object Message, DateTimeOffset? ArrivesAt, string Source);

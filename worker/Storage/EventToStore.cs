namespace Monitor.Worker.Storage;

/// <summary>An inbound event on its way into a store: the validated event, its fingerprint, and when it was received.</summary>
/// <param name="Event">The event as it will be kept.</param>
/// <param name="Fingerprint">A hash of its content, to tell a redelivery from a conflicting reuse of its id.</param>
/// <param name="ReceivedAt">When it was received.</param>
public sealed record EventToStore<T>(T Event, string Fingerprint, DateTimeOffset ReceivedAt);

namespace Monitor.Worker.Tools.Replay;

/// <summary>
/// The replay's clock: the time is what the replay sets, so a year of days passes in seconds. The worker reads time
/// only through <see cref="TimeProvider"/>, so consumers, validation, the evaluator and the alert policy all see it.
/// Timers keep running on real time (the replay starts no scheduler).
/// </summary>
public sealed class SimulatedClock(DateTimeOffset start) : TimeProvider
{
    private long utcTicks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref utcTicks), TimeSpan.Zero);

    /// <summary>Moves the clock to <paramref name="now"/> (the replay only moves it forward).</summary>
    public void Set(DateTimeOffset now) => Interlocked.Exchange(ref utcTicks, now.UtcTicks);
}

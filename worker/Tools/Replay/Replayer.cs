using MassTransit;
using Monitor.Worker.Institutions;
using Monitor.Worker.Targets;
using Monitor.Worker.Evaluation;

namespace Monitor.Worker.Tools.Replay;

/// <summary>
/// Runs dated events through the real pipeline on a simulated clock, one day at a time: the clock moves to the day's
/// evaluation time, the events that have arrived by then are published to the bus and consumed (validated and stored
/// by the real consumers), then every target is evaluated — the real engine, alert policy, alert state and outbox relay —
/// and the alerts the relay publishes are handed on, dated that day.
/// </summary>
public sealed class Replayer(
    IBus bus,
    Evaluator evaluator,
    TargetCatalog targets,
    InstitutionCatalog institutions,
    SimulatedClock clock,
    ReplayBusObserver observer)
{
    /// <summary>How long one day's events may take to be consumed.</summary>
    public static readonly TimeSpan DayTimeout = TimeSpan.FromMinutes(1);

    /// <param name="events">The events, in any order.</param>
    /// <param name="from">The first day evaluated; events arriving earlier are published before its evaluation.</param>
    /// <param name="to">The last day evaluated; events arriving after its evaluation are not published.</param>
    /// <param name="evaluateAt">The local time of each day's evaluation.</param>
    /// <param name="zone">The institution whose time zone the days and times are in.</param>
    /// <param name="onAlert">Called for each alert as it fires, in order.</param>
    /// <param name="onRejected">Called for each event the consumers refused.</param>
    /// <param name="cancellationToken">Stops the replay.</param>
    public async Task<ReplayResult> RunAsync(
        IReadOnlyList<ReplayEvent> events,
        DateOnly from,
        DateOnly to,
        TimeOnly evaluateAt,
        Institution zone,
        Action<ReplayedAlert> onAlert,
        Action<string> onRejected,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(onAlert);
        ArgumentNullException.ThrowIfNull(onRejected);
        var queue = events.OrderBy(e => e.ArrivesAt ?? DateTimeOffset.MinValue).ToList();
        var targetOrder = targets.All.Select((t, i) => (t.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var alerts = new List<ReplayedAlert>();
        var rejections = new List<string>();
        var next = 0;
        var days = 0;
        var finals = new Dictionary<(string TargetId, string? UnitCode), Messages.TargetStatus>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var now = ReplayEvents.At(day, evaluateAt, zone);
            clock.Set(now);
            var first = next;
            while (next < queue.Count && (queue[next].ArrivesAt ?? DateTimeOffset.MinValue) <= now)
            {
                next++;
            }

            observer.Expect(next - first);
            for (var i = first; i < next; i++)
            {
                await bus.Publish(queue[i].Message, cancellationToken);
            }

            try
            {
                await observer.DrainedAsync().WaitAsync(DayTimeout, cancellationToken);
            }
            catch (TimeoutException ex)
            {
                throw new TimeoutException($"The events of {day:yyyy-MM-dd} were not all consumed within {DayTimeout}: {observer.Pending} of {next - first} still pending.", ex);
            }

            foreach (var rejection in observer.TakeRejections())
            {
                rejections.Add(rejection);
                onRejected(rejection);
            }

            foreach (var scope in await evaluator.EvaluateAsync(null, null, cancellationToken))
            {
                finals[(scope.Target.Id, scope.UnitCode)] = scope.AnnouncedStatus;
            }

            days++;
            var fired = observer.TakeAlerts()
                .OrderBy(a => targetOrder.GetValueOrDefault(a.TargetId, int.MaxValue))
                .ThenBy(a => a.UnitCode is null ? -1 : UnitIndex(a.InstitutionId, a.UnitCode))
                .ThenBy(a => a.AlertId);
            foreach (var alert in fired)
            {
                var replayed = new ReplayedAlert(day, alert);
                alerts.Add(replayed);
                onAlert(replayed);
            }
        }

        return new ReplayResult(days, next, queue.Count - next, rejections, alerts, finals);
    }

    private int UnitIndex(string institutionId, string unitCode) =>
        institutions.Find(institutionId)?.Units.Select(u => u.Code).ToList().IndexOf(unitCode) ?? int.MaxValue;
}

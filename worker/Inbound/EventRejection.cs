using MassTransit;
using Monitor.Messages;
using Monitor.Worker.Telemetry;

namespace Monitor.Worker.Inbound;

/// <summary>
/// The one path of every inbound event: refused if invalid, stored once (held through store outages, see
/// <see cref="StoreGate"/>), refused if its id was used before with other content. A refusal publishes EventRejected
/// and moves the message to the error queue (never retried). Each event is counted once, when its outcome is known
/// (<see cref="MonitorMetrics"/>); in a batch too, as every event awaits its own outcome.
/// </summary>
public static class EventRejection
{
    public static async Task<StoreOutcome> AcceptAsync<T>(
        ConsumeContext<T> context,
        string? businessId,
        string? institutionId,
        IReadOnlyList<string> errors,
        Func<CancellationToken, Task<StoreOutcome>> store,
        string conflict,
        StoreGate gate,
        TimeProvider clock,
        MonitorMetrics metrics)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(metrics);
        if (errors.Count > 0)
        {
            await RejectAsync(context, businessId, institutionId, errors, MonitorMetrics.Invalid, clock, metrics);
        }

        var outcome = await gate.RunAsync(store, context.CancellationToken);
        switch (outcome)
        {
            case StoreOutcome.Conflict:
                await RejectAsync(context, businessId, institutionId, [conflict], MonitorMetrics.Conflict, clock, metrics);
                break;
            case StoreOutcome.Duplicate:
                metrics.Deduplicated(typeof(T).Name);
                break;
            default:
                metrics.Accepted(typeof(T).Name);
                break;
        }

        return outcome;
    }

    /// <summary>
    /// Publishes EventRejected, counts the rejection under <paramref name="reason"/> and throws; the ids are quoted cut
    /// short, as a producer may send anything in them.
    /// </summary>
    public static async Task RejectAsync<T>(
        ConsumeContext<T> context, string? businessId, string? institutionId, IReadOnlyList<string> errors, string reason, TimeProvider clock, MonitorMetrics metrics)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(metrics);
        var id = Shorten(businessId);
        await context.Publish(new EventRejected(typeof(T).Name, id, Shorten(institutionId), errors, clock.GetUtcNow()), context.CancellationToken);

        // After the publish: a failed publish is retried, and the retry counts it.
        metrics.Rejected(typeof(T).Name, reason);
        throw new InvalidEventException($"{typeof(T).Name} {id}: {string.Join("; ", errors)}", errors);
    }

    /// <summary>An id as EventRejected, logs and fault headers carry it: as sent when it is short and printable, else its excerpt.</summary>
    public static string? Shorten(string? id) =>
        id is null || (id.Length <= Fields.MaxIdLength && Fields.ForbiddenCharacter(id) is null) ? id : Excerpt.Quote(id);
}

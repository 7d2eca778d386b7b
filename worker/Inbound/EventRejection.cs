using MassTransit;
using Monitor.Messages;

namespace Monitor.Worker.Inbound;

/// <summary>
/// The one path of every inbound event: refused if invalid, stored once (held through store outages, see
/// <see cref="StoreGate"/>), refused if its id was used before with other content. A refusal publishes EventRejected
/// and moves the message to the error queue (never retried).
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
        TimeProvider clock)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(gate);
        if (errors.Count > 0)
        {
            await RejectAsync(context, businessId, institutionId, errors, clock);
        }

        var outcome = await gate.RunAsync(store, context.CancellationToken);
        if (outcome == StoreOutcome.Conflict)
        {
            await RejectAsync(context, businessId, institutionId, [conflict], clock);
        }

        return outcome;
    }

    /// <summary>Publishes EventRejected and throws; the ids are quoted cut short, as a producer may send anything in them.</summary>
    public static async Task RejectAsync<T>(ConsumeContext<T> context, string? businessId, string? institutionId, IReadOnlyList<string> errors, TimeProvider clock)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(clock);
        var id = Shorten(businessId);
        await context.Publish(new EventRejected(typeof(T).Name, id, Shorten(institutionId), errors, clock.GetUtcNow()), context.CancellationToken);
        throw new InvalidEventException($"{typeof(T).Name} {id}: {string.Join("; ", errors)}", errors);
    }

    /// <summary>An id as EventRejected, logs and fault headers carry it: as sent when it is short and printable, else its excerpt.</summary>
    public static string? Shorten(string? id) =>
        id is null || (id.Length <= Fields.MaxIdLength && Fields.ForbiddenCharacter(id) is null) ? id : Excerpt.Quote(id);
}

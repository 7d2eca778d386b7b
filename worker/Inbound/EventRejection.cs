using MassTransit;
using Monitor.Messages;

namespace Monitor.Worker.Inbound;

/// <summary>
/// The one path of every inbound event: refused if invalid, stored once, refused if its id was used before with
/// other content. A refusal publishes EventRejected and moves the message to the error queue (never retried).
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
        TimeProvider clock)
        where T : class
    {
        if (errors.Count > 0)
        {
            await RejectAsync(context, businessId, institutionId, errors, clock);
        }

        var outcome = await store(context.CancellationToken);
        if (outcome == StoreOutcome.Conflict)
        {
            await RejectAsync(context, businessId, institutionId, [conflict], clock);
        }

        return outcome;
    }

    public static async Task RejectAsync<T>(ConsumeContext<T> context, string? businessId, string? institutionId, IReadOnlyList<string> errors, TimeProvider clock)
        where T : class
    {
        await context.Publish(new EventRejected(typeof(T).Name, businessId, institutionId, errors, clock.GetUtcNow()), context.CancellationToken);
        throw new InvalidEventException($"{typeof(T).Name} {businessId}: {string.Join("; ", errors)}");
    }
}

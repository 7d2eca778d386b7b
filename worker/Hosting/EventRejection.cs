using MassTransit;
using Monitor.Messages;

namespace Monitor.Worker.Hosting;

/// <summary>The one way an inbound event is refused: EventRejected published, then the message goes to the error queue.</summary>
public static class EventRejection
{
    public static async Task RejectAsync<T>(ConsumeContext<T> context, string? businessId, string? institutionId, IReadOnlyList<string> errors, TimeProvider clock)
        where T : class
    {
        await context.Publish(new EventRejected(typeof(T).Name, businessId, institutionId, errors, clock.GetUtcNow()), context.CancellationToken);
        throw new InvalidEventException($"{typeof(T).Name} {businessId}: {string.Join("; ", errors)}");
    }
}

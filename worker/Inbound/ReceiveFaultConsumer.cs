using MassTransit;
using Monitor.Messages;

namespace Monitor.Worker.Inbound;

/// <summary>
/// A body that cannot be read as its message type (not JSON, a wrong type, an unknown enum value) never reaches a
/// consumer: MassTransit moves it to the error queue and publishes a ReceiveFault. This turns that into the same
/// EventRejected every other refused event gets, with the reader's words (they name the JSON path).
/// </summary>
public sealed class ReceiveFaultConsumer(TimeProvider clock) : IConsumer<ReceiveFault>
{
    public async Task Consume(ConsumeContext<ReceiveFault> context)
    {
        var fault = context.Message;
        var type = fault.FaultMessageTypes?.Select(t => t[(t.LastIndexOf(':') + 1)..]).FirstOrDefault(t => !string.IsNullOrEmpty(t))
            ?? MessageTypeOfQueue(context.SourceAddress)
            ?? "unknown";
        var errors = (fault.Exceptions ?? []).Select(e => e.InnerException?.Message ?? e.Message).Distinct().ToList();
        await context.Publish(
            new EventRejected(type, null, null, errors.Count > 0 ? errors : ["the message body could not be read"], clock.GetUtcNow()),
            context.CancellationToken);
    }

    /// <summary>"monitor-enterprise-visit-recorded" → "EnterpriseVisitRecorded": each endpoint consumes one message type.</summary>
    private static string? MessageTypeOfQueue(Uri? address)
    {
        var queue = address?.AbsolutePath.Split('/').LastOrDefault(s => s.Length > 0);
        if (queue is null)
        {
            return null;
        }

        var words = queue.Split('-', StringSplitOptions.RemoveEmptyEntries).Skip(queue.StartsWith("monitor-", StringComparison.Ordinal) ? 1 : 0);
        return string.Concat(words.Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
    }
}

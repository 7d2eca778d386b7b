using System.Text.Json;
using MassTransit;
using Monitor.Messages;
using Monitor.Worker.Telemetry;

namespace Monitor.Worker.Inbound;

/// <summary>
/// A body that cannot be read as its message type never reaches a consumer: MassTransit moves it to the error queue and
/// publishes a ReceiveFault. This turns that into the same EventRejected every other refused event gets — with the
/// door's reasons (<see cref="UnreadableEventException"/>, each naming its member) when the door refused it, else the
/// reader's own words, cut short — and logs it as one warning.
/// </summary>
public sealed partial class ReceiveFaultConsumer(TimeProvider clock, MonitorMetrics metrics, ILogger<ReceiveFaultConsumer> logger) : IConsumer<ReceiveFault>
{
    private const int MaxReasonLength = 300;

    public async Task Consume(ConsumeContext<ReceiveFault> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var fault = context.Message;
        var exceptions = fault.Exceptions ?? [];
        var door = exceptions.Select(e => e.Data).FirstOrDefault(d => d?.ContainsKey(UnreadableEventException.ErrorsKey) == true);
        var type = Text(door, UnreadableEventException.MessageTypeKey)
            ?? fault.FaultMessageTypes?.Select(t => t[(t.LastIndexOf(':') + 1)..]).FirstOrDefault(t => !string.IsNullOrEmpty(t))
            ?? MessageTypeOfQueue(context.SourceAddress)
            ?? "unknown";
        var errors = door is not null
            ? Text(door, UnreadableEventException.ErrorsKey)!.Split(UnreadableEventException.Separator).ToList()
            : exceptions.Select(e => Excerpt.Quote(e.InnerException?.Message ?? e.Message, MaxReasonLength).Trim('\'')).Distinct().ToList();
        if (errors.Count == 0)
        {
            errors.Add("the message body could not be read");
        }

        var businessId = Text(door, UnreadableEventException.BusinessIdKey);
        var institutionId = Text(door, UnreadableEventException.InstitutionIdKey);
        LogRejected(logger, type, businessId, string.Join("; ", errors));
        await context.Publish(new EventRejected(type, businessId, institutionId, errors, clock.GetUtcNow()), context.CancellationToken);
        metrics.Rejected(type, MonitorMetrics.Unreadable);
    }

    /// <summary>A string entry of an exception's data, as it comes back from the fault's JSON.</summary>
    private static string? Text(IDictionary<string, object>? data, string key) =>
        data is not null && data.TryGetValue(key, out var value) ? value switch
        {
            string text => text,
            JsonElement { ValueKind: JsonValueKind.String } element => element.GetString(),
            null => null,
            _ => value.ToString(),
        } : null;

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected {MessageType} {BusinessId}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string messageType, string? businessId, string reason);
}

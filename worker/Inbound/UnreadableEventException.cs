namespace Monitor.Worker.Inbound;

/// <summary>
/// A body refused at the door, before any consumer sees it: too large, not JSON, a member of the wrong kind, a number
/// where a name is expected, and so on (<see cref="BodyCheck"/>). MassTransit moves the message to the error queue and
/// publishes a ReceiveFault carrying this exception's <see cref="Exception.Data"/>, from which
/// <see cref="ReceiveFaultConsumer"/> publishes the EventRejected.
/// </summary>
public sealed class UnreadableEventException : Exception
{
    public const string ErrorsKey = "monitor-errors";
    public const string MessageTypeKey = "monitor-message-type";
    public const string BusinessIdKey = "monitor-business-id";
    public const string InstitutionIdKey = "monitor-institution-id";

    /// <summary>Entries of <see cref="ErrorsKey"/> are separated by this (they never hold a line break themselves).</summary>
    public const char Separator = '\n';

    public UnreadableEventException(string messageType, IReadOnlyList<string> errors, string? businessId, string? institutionId)
        : base($"{messageType}: {string.Join("; ", errors)}")
    {
        ArgumentNullException.ThrowIfNull(errors);
        Errors = errors;
        Data[ErrorsKey] = string.Join(Separator, errors);
        Data[MessageTypeKey] = messageType;
        if (businessId is not null)
        {
            Data[BusinessIdKey] = businessId;
        }

        if (institutionId is not null)
        {
            Data[InstitutionIdKey] = institutionId;
        }
    }

    public UnreadableEventException()
    {
    }

    public UnreadableEventException(string message)
        : base(message)
    {
    }

    public UnreadableEventException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public IReadOnlyList<string> Errors { get; } = [];
}

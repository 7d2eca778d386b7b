namespace Monitor.Worker.Inbound;

/// <summary>
/// An inbound event that can never be accepted (invalid, or a conflicting reuse of its id). Thrown after
/// EventRejected is published so that MassTransit moves the message to the error queue without retrying it.
/// </summary>
public sealed class InvalidEventException : Exception
{
    public InvalidEventException(string message, IReadOnlyList<string> errors)
        : base(message)
    {
        Errors = errors;
    }

    public InvalidEventException(string message)
        : base(message)
    {
    }

    public InvalidEventException()
    {
    }

    public InvalidEventException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>What is wrong, one entry per problem, each naming its field.</summary>
    public IReadOnlyList<string> Errors { get; } = [];
}

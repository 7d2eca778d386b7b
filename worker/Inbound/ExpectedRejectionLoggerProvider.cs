namespace Monitor.Worker.Inbound;

/// <summary>
/// The console logger, minus MassTransit's error entry (category MassTransit.ReceiveTransport, "R-FAULT" with a stack
/// trace) for an event rejected as invalid or refused at the door as unreadable: that rejection is expected, already
/// published as EventRejected and logged as one warning (by <see cref="EventLogObserver"/> or
/// <see cref="ReceiveFaultConsumer"/>). Every other entry, including every real fault, passes unchanged.
/// </summary>
[ProviderAlias("Console")]
public sealed class ExpectedRejectionLoggerProvider(ILoggerProvider console) : ILoggerProvider, ISupportExternalScope
{
    public ILogger CreateLogger(string categoryName)
    {
        var logger = console.CreateLogger(categoryName);
        return categoryName.StartsWith("MassTransit", StringComparison.Ordinal) ? new Filtered(logger) : logger;
    }

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => (console as ISupportExternalScope)?.SetScopeProvider(scopeProvider);

    public void Dispose() => console.Dispose();

    /// <summary>The rejection inside <paramref name="exception"/> (an <see cref="InvalidEventException"/> or an <see cref="UnreadableEventException"/>), if that is what it is.</summary>
    public static Exception? AsRejection(Exception? exception) => exception switch
    {
        InvalidEventException or UnreadableEventException => exception,
        AggregateException { InnerExceptions.Count: 1 } aggregate => AsRejection(aggregate.InnerExceptions[0]),
        not null => exception.GetBaseException() is var inner && inner is InvalidEventException or UnreadableEventException ? inner : null,
        _ => null,
    };

    private sealed class Filtered(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (AsRejection(exception) is null)
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}

namespace Monitor.Worker.Tools.Import;

/// <summary>Where an import sends its messages: the worker's queues, each message confirmed by the broker.</summary>
public interface IImportSender
{
    /// <summary>Starts sending <paramref name="message"/> to <paramref name="queue"/>; it may complete before the broker confirms it.</summary>
    Task SendAsync<TMessage>(string queue, TMessage message, CancellationToken cancellationToken)
        where TMessage : class;

    /// <summary>Completes when every message sent so far is confirmed; throws if one was refused or not confirmed in time.</summary>
    Task FlushAsync(CancellationToken cancellationToken);

    /// <summary>Messages the broker has confirmed.</summary>
    int Confirmed { get; }
}

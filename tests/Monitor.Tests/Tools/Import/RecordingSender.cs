using Monitor.Worker.Tools.Import;

namespace Monitor.Tests.Tools.Import;

/// <summary>An <see cref="IImportSender"/> that keeps what it is given; every message counts as confirmed.</summary>
internal sealed class RecordingSender : IImportSender
{
    public List<(string Queue, object Message)> Sent { get; } = [];

    public int Confirmed => Sent.Count;

    public Task SendAsync<TMessage>(string queue, TMessage message, CancellationToken cancellationToken)
        where TMessage : class
    {
        Sent.Add((queue, message));
        return Task.CompletedTask;
    }

    public Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

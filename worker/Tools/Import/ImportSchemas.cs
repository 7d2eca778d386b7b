using Monitor.Messages;
using Monitor.Worker.Evaluation;
using Monitor.Worker.Hosting;

namespace Monitor.Worker.Tools.Import;

/// <summary>The queues an import sends to besides its schema's.</summary>
public static class ImportSchemas
{
    /// <summary>The worker's queue for <see cref="EvaluationRequested"/>.</summary>
    public static string EvaluationQueue { get; } = MessagingExtensions.EndpointNames.Consumer<EvaluationRequestedConsumer>();
}

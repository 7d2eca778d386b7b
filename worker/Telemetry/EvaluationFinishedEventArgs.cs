namespace Monitor.Worker.Telemetry;

/// <summary>An evaluation of this replica has finished (its figures are in the history by then).</summary>
public sealed class EvaluationFinishedEventArgs(TimeSpan elapsed) : EventArgs
{
    public TimeSpan Elapsed { get; } = elapsed;
}

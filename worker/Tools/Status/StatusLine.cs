using Monitor.Messages;
using Monitor.Worker.Alerts;
using Monitor.Worker.Targets;

namespace Monitor.Worker.Tools.Status;

/// <summary>
/// One row of the status board: the evaluation (whose AnnouncedStatus is the status shown), the engine's own status,
/// which of the two is shown, and when the worker last evaluated the scope (null when it never has).
/// </summary>
public sealed record StatusLine(ScopeEvaluation Evaluation, TargetStatus AssessedStatus, StatusSource Source, DateTimeOffset? EvaluatedAt)
{
    /// <summary>The silences in force now that cover this target and scope (the robots do not post about it).</summary>
    public IReadOnlyList<Silence> Silences { get; init; } = [];
}

using Monitor.Messages;

namespace Monitor.Worker.Tools.Replay;

/// <summary>An alert the replay saw published, and the simulated local date on which it fired.</summary>
public sealed record ReplayedAlert(DateOnly On, TargetStatusChanged Alert);

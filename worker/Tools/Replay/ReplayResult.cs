namespace Monitor.Worker.Tools.Replay;

/// <summary>What a replay did.</summary>
/// <param name="Days">Days evaluated.</param>
/// <param name="Events">Events published to the bus.</param>
/// <param name="AfterRange">Events arriving after the last evaluated day, not published.</param>
/// <param name="Rejections">Events the consumers refused, with their reasons.</param>
/// <param name="Alerts">Every alert published, in order.</param>
/// <param name="FinalStatuses">Each target and scope's announced status after the last day's evaluation.</param>
public sealed record ReplayResult(
    int Days,
    int Events,
    int AfterRange,
    IReadOnlyList<string> Rejections,
    IReadOnlyList<ReplayedAlert> Alerts,
    IReadOnlyDictionary<(string TargetId, string? UnitCode), Messages.TargetStatus> FinalStatuses);

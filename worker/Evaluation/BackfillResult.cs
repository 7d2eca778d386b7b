using Monitor.Worker.Targets;

namespace Monitor.Worker.Evaluation;

/// <summary>What a backfill drew for a target: its days from <paramref name="First"/> to <paramref name="Last"/>, and the rows written (days × scopes).</summary>
public sealed record BackfillResult(TargetDefinition Target, DateOnly First, DateOnly Last, int Days, int Rows);

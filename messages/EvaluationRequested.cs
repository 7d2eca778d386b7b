namespace Monitor.Messages;

/// <summary>Asks for an immediate evaluation of targets.</summary>
/// <param name="InstitutionId">One institution, or all when null.</param>
/// <param name="TargetId">One target, or all when null.</param>
public sealed record EvaluationRequested(string? InstitutionId, string? TargetId);

using Monitor.Messages;

namespace Monitor.Worker.Targets;

/// <summary>One target in one scope after an evaluation: the engine's assessment and the status now announced.</summary>
public sealed record ScopeEvaluation(
    TargetDefinition Target,
    string InstitutionId,
    string? UnitCode,
    string ScopeName,
    Assessment Assessment,
    TargetStatus AnnouncedStatus,
    Measurement Measurement);

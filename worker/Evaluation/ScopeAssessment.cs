using Monitor.Messages;
using Monitor.Worker.Targets;

namespace Monitor.Worker.Evaluation;

/// <summary>A target in one scope on a day, as the engine sees it, before any alert state.</summary>
/// <param name="UnitCode">Null for the institution's scope.</param>
/// <param name="ScopeName">The institution's short name, or the unit's name.</param>
/// <param name="Assessment">The engine's conclusion.</param>
/// <param name="Measurement">The facts behind it.</param>
/// <param name="Lagging">For the institution's scope: the units behind, worst first; empty for a unit.</param>
public sealed record ScopeAssessment(string? UnitCode, string ScopeName, Assessment Assessment, Measurement Measurement, IReadOnlyList<LaggingUnit> Lagging);

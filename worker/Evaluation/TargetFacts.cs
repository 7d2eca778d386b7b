using Monitor.Worker.Institutions;
using Monitor.Worker.Targets;

namespace Monitor.Worker.Evaluation;

/// <summary>A target's facts loaded once (<see cref="ScopeReader.LoadAsync(TargetDefinition, DateOnly, CancellationToken)"/>): the measurement of every scope, by scope key, to assess on any day.</summary>
public sealed record TargetFacts(TargetDefinition Target, Institution Institution, IReadOnlyDictionary<string, Measurement> Measurements);

namespace Monitor.Worker.Evaluation;

/// <summary>What an evaluation run did, without the figures of every scope: targets, scopes, and scopes announced behind or without data.</summary>
public sealed record EvaluationSummary(int Targets, int Scopes, int Behind);

namespace Monitor.Worker.Alerts;

/// <summary>
/// A silence (静默): the robots post nothing about a target in a scope until <see cref="EndsAt"/>. The alerts are still
/// raised and published, and the digest and <c>status</c> still show the scope, marked: silences affect people, not facts.
/// </summary>
/// <param name="Id">A small number, given by the store, by which the silence is listed and removed.</param>
/// <param name="InstitutionId">The institution; a silence never reaches beyond one.</param>
/// <param name="UnitCode">One unit, or null for the institution's own scope and every unit of it.</param>
/// <param name="TargetId">One target, or null for every target.</param>
/// <param name="EndsAt">When posting resumes.</param>
/// <param name="Reason">Why, as the person who set it wrote it.</param>
/// <param name="CreatedBy">Who set it.</param>
/// <param name="CreatedAt">When it was set.</param>
public sealed record Silence(
    long Id,
    string InstitutionId,
    string? UnitCode,
    string? TargetId,
    DateTimeOffset EndsAt,
    string Reason,
    string CreatedBy,
    DateTimeOffset CreatedAt)
{
    /// <summary>When it was removed before its end, if it was.</summary>
    public DateTimeOffset? RemovedAt { get; init; }

    /// <summary>Who removed it.</summary>
    public string? RemovedBy { get; init; }

    public bool IsActive(DateTimeOffset now) => RemovedAt is null && EndsAt > now;

    /// <summary>Whether the silence covers <paramref name="targetId"/> in the scope (<paramref name="institutionId"/>, <paramref name="unitCode"/>).</summary>
    public bool Covers(string targetId, string institutionId, string? unitCode) =>
        InstitutionId == institutionId
        && (TargetId is null || TargetId == targetId)
        && (UnitCode is null || UnitCode == unitCode);
}

/// <summary>A silence to add; the store gives it its id and creation time.</summary>
public sealed record NewSilence(string InstitutionId, string? UnitCode, string? TargetId, DateTimeOffset EndsAt, string Reason, string CreatedBy);

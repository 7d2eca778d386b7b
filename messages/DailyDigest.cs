namespace Monitor.Messages;

/// <summary>Every target's status once a day (每日简报).</summary>
/// <param name="DigestId">Deterministic id (institution, date).</param>
/// <param name="InstitutionId">The institution.</param>
/// <param name="Date">The local date of the digest.</param>
/// <param name="Lines">Every target and scope.</param>
/// <param name="Summary">A short text a leader reads as is.</param>
/// <param name="GeneratedAt">When it was made.</param>
public sealed record DailyDigest(
    Guid DigestId,
    string InstitutionId,
    DateOnly Date,
    IReadOnlyList<DigestLine> Lines,
    string Summary,
    DateTimeOffset GeneratedAt);

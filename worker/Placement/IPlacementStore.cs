using Monitor.Messages;
using Monitor.Worker.Inbound;

namespace Monitor.Worker.Placement;

/// <summary>Cohort rosters and destination reports.</summary>
public interface IPlacementStore
{
    /// <summary>Adds a graduate to the roster; idempotent on (institution, cohort, graduate id).</summary>
    Task<StoreOutcome> RegisterGraduateAsync(GraduateRegistered graduate, string fingerprint, DateTimeOffset receivedAt, CancellationToken cancellationToken);

    /// <summary>Takes a graduate off the denominator; kept even when the graduate is not registered yet.</summary>
    Task<StoreOutcome> WithdrawGraduateAsync(GraduateWithdrawn withdrawal, string fingerprint, DateTimeOffset receivedAt, CancellationToken cancellationToken);

    /// <summary>Keeps a destination report; idempotent on <see cref="GraduateDestinationReported.ReportId"/>.</summary>
    Task<StoreOutcome> RecordDestinationAsync(GraduateDestinationReported report, string fingerprint, DateTimeOffset receivedAt, CancellationToken cancellationToken);

    /// <summary>Everything known about one cohort of one institution.</summary>
    Task<CohortFacts> GetCohortAsync(string institutionId, int cohortYear, CancellationToken cancellationToken);
}

/// <summary>A cohort's roster, withdrawals and destination reports (including those for graduates not registered yet).</summary>
public sealed record CohortFacts(
    IReadOnlyList<GraduateFact> Graduates,
    IReadOnlyCollection<string> WithdrawnGraduateIds,
    IReadOnlyList<DestinationFact> Reports);

/// <summary>A registered graduate.</summary>
public sealed record GraduateFact(string GraduateId, string UnitCode, IReadOnlyList<string> Disadvantaged);

/// <summary>One destination report.</summary>
public sealed record DestinationFact(
    string ReportId,
    string GraduateId,
    Destination Destination,
    DateOnly EffectiveOn,
    DateTimeOffset ReportedAt);

using Monitor.Messages;
using Monitor.Worker.Inbound;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Placement;

/// <summary>
/// Cohort rosters and destination reports — personal data, so only what the rates need is kept: a graduate's unit and
/// whether they are disadvantaged (not the categories, not the major), whether they are withdrawn (not why), and each
/// report's destination and dates (not the employer). A cohort is removed with <see cref="PurgeCohortAsync"/>.
/// </summary>
public interface IPlacementStore
{
    /// <summary>Adds a graduate to the roster; idempotent on (institution, cohort, graduate id), with <see cref="RosterEntry.Fingerprint"/>.</summary>
    Task<StoreOutcome> RegisterGraduateAsync(RosterEntry graduate, DateTimeOffset receivedAt, CancellationToken cancellationToken);

    /// <summary>Registers graduates together, with the outcome of each (in order) as one call each, one after the other, would have had it.</summary>
    Task<IReadOnlyList<StoreOutcome>> RegisterGraduatesAsync(IReadOnlyList<EventToStore<RosterEntry>> graduates, CancellationToken cancellationToken);

    /// <summary>Takes a graduate off the denominator; kept even when the graduate is not registered yet.</summary>
    Task<StoreOutcome> WithdrawGraduateAsync(GraduateWithdrawn withdrawal, string fingerprint, DateTimeOffset receivedAt, CancellationToken cancellationToken);

    /// <summary>
    /// Undoes a withdrawal: a graduate with a reinstatement counts whether or not a withdrawal was received (before or
    /// after it); idempotent on (institution, cohort, graduate id).
    /// </summary>
    Task<StoreOutcome> ReinstateGraduateAsync(GraduateReinstated reinstatement, string fingerprint, DateTimeOffset receivedAt, CancellationToken cancellationToken);

    /// <summary>Keeps a destination report; idempotent on <see cref="GraduateDestinationReported.ReportId"/>.</summary>
    Task<StoreOutcome> RecordDestinationAsync(GraduateDestinationReported report, string fingerprint, DateTimeOffset receivedAt, CancellationToken cancellationToken);

    /// <summary>Keeps destination reports together, with the outcome of each (in order) as one call each, one after the other, would have had it.</summary>
    Task<IReadOnlyList<StoreOutcome>> RecordDestinationsAsync(IReadOnlyList<EventToStore<GraduateDestinationReported>> reports, CancellationToken cancellationToken);

    /// <summary>Everything known about one cohort of one institution.</summary>
    Task<CohortFacts> GetCohortAsync(string institutionId, int cohortYear, CancellationToken cancellationToken);

    /// <summary>
    /// The same year's cohort of several institutions as the rates need it (<see cref="CohortSummary"/>): one per
    /// institution asked, empty for one without data. An evaluation reads a chunk of institutions this way, in one query.
    /// </summary>
    Task<IReadOnlyDictionary<string, CohortSummary>> SummariseCohortsAsync(IReadOnlyCollection<string> institutionIds, int cohortYear, CancellationToken cancellationToken);

    /// <summary>Deletes a cohort's roster, withdrawals, reinstatements and reports; says how many of each were deleted.</summary>
    Task<PurgedCohort> PurgeCohortAsync(string institutionId, int cohortYear, CancellationToken cancellationToken);
}

/// <summary>A cohort's roster, withdrawn graduates (not reinstated) and destination reports (including those for graduates not registered yet).</summary>
public sealed record CohortFacts(
    IReadOnlyList<GraduateFact> Graduates,
    IReadOnlyCollection<string> WithdrawnGraduateIds,
    IReadOnlyList<DestinationFact> Reports);

/// <summary>A registered graduate.</summary>
public sealed record GraduateFact(string GraduateId, string UnitCode, bool Disadvantaged);

/// <summary>One destination report.</summary>
public sealed record DestinationFact(
    string ReportId,
    string GraduateId,
    Destination Destination,
    DateOnly EffectiveOn,
    DateTimeOffset ReportedAt);

/// <summary>What a purge deleted.</summary>
public sealed record PurgedCohort(int Graduates, int Withdrawals, int Reinstatements, int Reports);

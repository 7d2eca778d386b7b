using Monitor.Messages;
using Monitor.Worker.Inbound;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Placement;

/// <summary>Cohort rosters and destination reports.</summary>
public interface IPlacementStore
{
    /// <summary>Adds a graduate to the roster; idempotent on (institution, cohort, graduate id).</summary>
    Task<StoreOutcome> RegisterGraduateAsync(GraduateRegistered graduate, string fingerprint, DateTimeOffset receivedAt, CancellationToken cancellationToken);

    /// <summary>Registers graduates together, with the outcome of each (in order) as one call each, one after the other, would have had it.</summary>
    Task<IReadOnlyList<StoreOutcome>> RegisterGraduatesAsync(IReadOnlyList<EventToStore<GraduateRegistered>> graduates, CancellationToken cancellationToken);

    /// <summary>Takes a graduate off the denominator; kept even when the graduate is not registered yet.</summary>
    Task<StoreOutcome> WithdrawGraduateAsync(GraduateWithdrawn withdrawal, string fingerprint, DateTimeOffset receivedAt, CancellationToken cancellationToken);

    /// <summary>Keeps a destination report; idempotent on <see cref="GraduateDestinationReported.ReportId"/>.</summary>
    Task<StoreOutcome> RecordDestinationAsync(GraduateDestinationReported report, string fingerprint, DateTimeOffset receivedAt, CancellationToken cancellationToken);

    /// <summary>Keeps destination reports together, with the outcome of each (in order) as one call each, one after the other, would have had it.</summary>
    Task<IReadOnlyList<StoreOutcome>> RecordDestinationsAsync(IReadOnlyList<EventToStore<GraduateDestinationReported>> reports, CancellationToken cancellationToken);

    /// <summary>Everything known about one cohort of one institution.</summary>
    Task<CohortFacts> GetCohortAsync(string institutionId, int cohortYear, CancellationToken cancellationToken);

    /// <summary>
    /// For each of the institutions, the cohort's placement as daily series — the institution's and each unit's with
    /// graduates on its roster, for all graduates and for the disadvantaged — with destinations by kind on
    /// <paramref name="breakdownOn"/>; computed where the facts are, never as one object per graduate. An institution
    /// with neither graduates nor reports has no series.
    /// </summary>
    Task<IReadOnlyList<PlacementSeries>> GetPlacementSeriesAsync(IReadOnlyCollection<string> institutionIds, int cohortYear, DateOnly breakdownOn, CancellationToken cancellationToken);
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

using Monitor.Messages;
using Monitor.Worker.Inbound;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Visits;

/// <summary>Visits as recorded, and cancellations (which may arrive before the visit they cancel).</summary>
public interface IVisitStore
{
    /// <param name="visit">The validated visit.</param>
    /// <param name="fingerprint">A hash of the visit's content, to tell a redelivery from a conflicting reuse of its id.</param>
    /// <param name="recordedAt">When it was received.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<StoreOutcome> RecordVisitAsync(EnterpriseVisitRecorded visit, string fingerprint, DateTimeOffset recordedAt, CancellationToken cancellationToken);

    /// <summary>
    /// Records validated visits together, with the outcome of each (in order) exactly as one call each, one after the
    /// other, would have had it: of two visits with one id in the batch the first is recorded and the second compared
    /// with it.
    /// </summary>
    Task<IReadOnlyList<StoreOutcome>> RecordVisitsAsync(IReadOnlyList<EventToStore<EnterpriseVisitRecorded>> visits, CancellationToken cancellationToken);

    /// <summary>Marks a visit of the cancellation's institution cancelled (visit ids are unique within an institution).
    /// A cancellation for a visit not seen yet is kept and applies when the visit arrives; a repeated one is a
    /// <see cref="StoreOutcome.Duplicate"/>.</summary>
    Task<StoreOutcome> CancelVisitAsync(EnterpriseVisitCancelled cancellation, DateTimeOffset cancelledAt, CancellationToken cancellationToken);

    /// <summary>
    /// Each institution's visits on dates from <paramref name="firstDay"/> to <paramref name="lastDay"/> (inclusive) that are
    /// not cancelled, by date then visit id: one list per institution asked, empty for one without visits. An evaluation
    /// reads a chunk of institutions this way, in one query.
    /// </summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<VisitFact>>> GetActiveVisitsAsync(
        IReadOnlyCollection<string> institutionIds, DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken);
}

/// <summary>A visit as the evaluation sees it.</summary>
public sealed record VisitFact(
    string VisitId,
    VisitTier Tier,
    string? UnitCode,
    string EmployerName,
    string? EmployerCreditCode,
    DateOnly VisitedOn,
    int PositionsOpened);

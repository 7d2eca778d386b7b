using Monitor.Worker.History;
using Monitor.Worker.Targets;

namespace Monitor.Worker.Evaluation;

/// <summary>
/// Draws a target's past days into the history: for every day from its period's start to today — at most its deadline,
/// or for a rate the day its books close — the figures of each scope as of that day, computed from the facts stored now
/// (loaded once; the engine asks the measurements for any day), saved in one write as backfilled rows. Figures only: no
/// alert state, no alert, no snapshot published; the status is the engine's for that day, without the alert policy's
/// hysteresis. A day that has a row from a real evaluation keeps it.
/// </summary>
public sealed class HistoryBackfill(ScopeReader scopes, IHistoryStore history, TimeProvider clock)
{
    public async Task<BackfillResult> BackfillAsync(TargetDefinition target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var institution = scopes.InstitutionOf(target);
        var now = clock.GetUtcNow();
        var today = institution.LocalDate(now);
        var end = target.IsRate ? target.BooksCloseOn : target.Deadline;
        var last = today < end ? today : end;
        if (last < target.PeriodStart)
        {
            return new BackfillResult(target, target.PeriodStart, last, 0, 0);
        }

        var facts = await scopes.LoadAsync(target, last, cancellationToken);
        var measurements = facts.Measurements.ToDictionary(m => m.Key, m => Remembered(m.Value), StringComparer.Ordinal);
        var entries = new List<HistoryEntry>();
        for (var day = target.PeriodStart; day <= last; day = day.AddDays(1))
        {
            var asOfDay = facts with { Measurements = measurements.ToDictionary(m => m.Key, m => m.Value.OnDay(day), StringComparer.Ordinal) };
            foreach (var scope in ScopeReader.Assess(asOfDay, day))
            {
                var snapshot = MetricSnapshots.For(target, institution.Id, scope.UnitCode, scope.Assessment, scope.Measurement, scope.Assessment.Status, now);
                entries.Add(new HistoryEntry(day, snapshot) { Backfilled = true });
            }
        }

        await history.SaveAsync(entries, cancellationToken);
        return new BackfillResult(target, target.PeriodStart, last, last.DayNumber - target.PeriodStart.DayNumber + 1, entries.Count);
    }

    /// <summary>
    /// The engine asks for the same days again and again (each day's forecast looks back weeks): a measurement that
    /// computes each day's value once makes a year of days cost about as much as a year of values.
    /// </summary>
    private static Measurement Remembered(Measurement m)
    {
        var values = new Dictionary<DateOnly, decimal>();
        var numerators = new Dictionary<DateOnly, int>();
        var numeratorOn = m.NumeratorOn;
        return m with
        {
            ValueOn = day => values.TryGetValue(day, out var value) ? value : values[day] = m.ValueOn(day),
            NumeratorOn = numeratorOn is null ? null : day => numerators.TryGetValue(day, out var value) ? value : numerators[day] = numeratorOn(day),
        };
    }
}

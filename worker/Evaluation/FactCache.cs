using Monitor.Worker.Placement;
using Monitor.Worker.Targets;
using Monitor.Worker.Visits;

namespace Monitor.Worker.Evaluation;

/// <summary>
/// The stored facts one evaluation reads, each read once however many targets ask for them: an institution's two
/// placement targets (all graduates, the disadvantaged) measure the same cohort, and a learned pace reads last year's.
/// <see cref="LoadAsync"/> reads a whole chunk of institutions' facts in one query per cohort year and visit period.
/// Meant for one chunk of targets in one evaluation, then dropped, so the facts of the chunks in progress are all that
/// is held in memory.
/// </summary>
public sealed class FactCache(IVisitStore visits, IPlacementStore placement)
{
    private readonly Dictionary<(string InstitutionId, int CohortYear), Task<CohortSummary>> cohorts = [];
    private readonly Dictionary<(string InstitutionId, DateOnly FirstDay, DateOnly LastDay), Task<IReadOnlyList<VisitFact>>> visitFacts = [];
    private readonly Lock gate = new();

    /// <summary>
    /// Reads what the targets measure (<paramref name="reads"/>: each target, and last year's for a learned pace), for
    /// all their institutions together: one query per cohort year, one per visit period.
    /// </summary>
    public async Task LoadAsync(IEnumerable<TargetDefinition> reads, CancellationToken cancellationToken)
    {
        var loading = new List<Task>();
        lock (gate)
        {
            var list = reads.ToList();
            foreach (var year in list.Where(r => r.IsRate).GroupBy(r => r.CohortYear!.Value))
            {
                var ids = year.Select(r => r.InstitutionId).Distinct(StringComparer.Ordinal).Where(id => !cohorts.ContainsKey((id, year.Key))).ToList();
                if (ids.Count > 0)
                {
                    var all = placement.SummariseCohortsAsync(ids, year.Key, cancellationToken);
                    loading.Add(all);
                    ids.ForEach(id => cohorts[(id, year.Key)] = OneOf(all, id));
                }
            }

            foreach (var period in list.Where(r => !r.IsRate).GroupBy(r => (r.PeriodStart, r.Deadline)))
            {
                var (first, last) = period.Key;
                var ids = period.Select(r => r.InstitutionId).Distinct(StringComparer.Ordinal).Where(id => !visitFacts.ContainsKey((id, first, last))).ToList();
                if (ids.Count > 0)
                {
                    var all = visits.GetActiveVisitsAsync(ids, first, last, cancellationToken);
                    loading.Add(all);
                    ids.ForEach(id => visitFacts[(id, first, last)] = OneOf(all, id));
                }
            }
        }

        await Task.WhenAll(loading);
    }

    public Task<CohortSummary> GetCohortAsync(string institutionId, int cohortYear, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!cohorts.TryGetValue((institutionId, cohortYear), out var cohort))
            {
                cohort = OneOf(placement.SummariseCohortsAsync([institutionId], cohortYear, cancellationToken), institutionId);
                cohorts[(institutionId, cohortYear)] = cohort;
            }

            return cohort;
        }
    }

    public Task<IReadOnlyList<VisitFact>> GetActiveVisitsAsync(string institutionId, DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!visitFacts.TryGetValue((institutionId, firstDay, lastDay), out var found))
            {
                found = visits.GetActiveVisitsAsync(institutionId, firstDay, lastDay, cancellationToken);
                visitFacts[(institutionId, firstDay, lastDay)] = found;
            }

            return found;
        }
    }

    private static async Task<T> OneOf<T>(Task<IReadOnlyDictionary<string, T>> all, string institutionId) => (await all)[institutionId];
}

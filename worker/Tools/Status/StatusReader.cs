using Monitor.Worker.Alerts;
using Monitor.Worker.Evaluation;
using Monitor.Worker.Targets;

namespace Monitor.Worker.Tools.Status;

/// <summary>
/// The status board's figures, read only: the same assessment as an evaluation, with the status the worker announced
/// where its stored alert state speaks for the day shown. It saves no state, writes no outbox row and publishes nothing.
/// </summary>
/// <remarks>
/// The rule: without a date (now), a scope the worker has evaluated shows its stored, announced status, else the
/// assessed one. With a date, the stored status is shown only when the worker last evaluated that scope on that local
/// date; for any other day the state describes another day, so the assessed status is shown. Silences are those in
/// force now, whatever the date shown.
/// </remarks>
public sealed class StatusReader(TargetCatalog targets, ScopeReader scopes, IAlertStore alerts, ISilenceStore silences, TimeProvider clock)
{
    /// <summary>When the worker last evaluated each selected target in each scope it holds state for (target, scope key).</summary>
    public async Task<IReadOnlyDictionary<(string TargetId, string ScopeKey), DateTimeOffset>> EvaluatedAtAsync(string? institutionId, string? targetId, CancellationToken cancellationToken)
    {
        var selected = targets.Select(institutionId, targetId).Select(t => t.Id).ToList();
        return (await alerts.GetStatesAsync(selected, cancellationToken)).ToDictionary(s => (s.TargetId, s.ScopeKey), s => s.LastEvaluatedAt);
    }

    public async Task<IReadOnlyList<StatusLine>> ReadAsync(string? institutionId, string? targetId, DateOnly? at, bool units, CancellationToken cancellationToken)
    {
        var selected = targets.Select(institutionId, targetId).ToList();
        var states = (await alerts.GetStatesAsync([.. selected.Select(t => t.Id)], cancellationToken))
            .ToDictionary(s => (s.TargetId, s.ScopeKey));
        var inForce = await silences.GetActiveAsync(clock.GetUtcNow(), cancellationToken);
        var lines = new List<StatusLine>();
        foreach (var target in selected)
        {
            var institution = scopes.InstitutionOf(target);
            var today = at ?? institution.LocalDate(clock.GetUtcNow());
            foreach (var scope in await scopes.AssessAsync(target, today, cancellationToken))
            {
                if (scope.UnitCode is not null && !units)
                {
                    continue;
                }

                var assessed = scope.Assessment.Status;
                var stored = states.GetValueOrDefault((target.Id, ScopeKeys.For(institution.Id, scope.UnitCode)));
                var announced = stored is not null && (at is null || institution.LocalDate(stored.LastEvaluatedAt) == at);
                var shown = announced ? stored!.Status : assessed;
                lines.Add(new StatusLine(
                    new ScopeEvaluation(target, institution.Id, scope.UnitCode, scope.ScopeName, scope.Assessment, shown, scope.Measurement),
                    assessed,
                    announced ? StatusSource.Announced : StatusSource.Assessed,
                    stored?.LastEvaluatedAt)
                {
                    Silences = [.. inForce.Where(x => x.Covers(target.Id, institution.Id, scope.UnitCode))],
                });
            }
        }

        return lines;
    }
}

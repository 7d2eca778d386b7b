using Monitor.Messages;
using Monitor.Worker.Targets;

namespace Monitor.Worker.Alerts;

/// <summary>What one evaluation does to a target's alert state.</summary>
/// <param name="State">The state to save.</param>
/// <param name="Announce">Whether an alert goes out.</param>
/// <param name="Previous">The announced status before this change (null on a first evaluation).</param>
/// <param name="IsReminder">The alert repeats a bad status that persists.</param>
public sealed record AlertDecision(AlertState State, bool Announce, TargetStatus? Previous, bool IsReminder)
{
    /// <summary>The alert states a measured rate's final verdict with its final figures, its books having closed (最终结果).</summary>
    public bool IsFinalNotice { get; init; }
}

/// <summary>
/// Status changes become alerts with hysteresis, a minimum time in a worse condition, reminders while a bad status
/// persists, and recovery notices (DESIGN §3). Pure: state and assessment in, the next state out.
/// </summary>
public static class AlertPolicy
{
    /// <param name="targetId">The target.</param>
    /// <param name="scopeKey">The scope.</param>
    /// <param name="state">The stored state, null before the first evaluation.</param>
    /// <param name="assessment">The engine's assessment now.</param>
    /// <param name="settings">The target's alert settings.</param>
    /// <param name="now">The evaluation's time.</param>
    public static AlertDecision Decide(string targetId, string scopeKey, AlertState? state, Assessment assessment, AlertSettings settings, DateTimeOffset now)
    {
        // A unit speaks up for bad news and for its recovery from it; its good news otherwise (on track, met) is recorded
        // silently and seen in the digest and on the dashboard. The institution announces every change.
        var unit = ScopeKeys.IsUnit(scopeKey);
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(settings);
        var raw = assessment.Status;
        var final = assessment.IsFinal && assessment.Numerator is { } placed && assessment.Denominator is { } counted
            ? new FinalFigures(placed, counted, assessment.Actual, now)
            : null;
        if (state is null)
        {
            // Quiet when fine: a first look that finds the target not started or on track says nothing.
            var announce = IsBad(raw) || (!unit && raw is not (TargetStatus.Pending or TargetStatus.OnTrack));
            var first = new AlertState(
                targetId, scopeKey, raw, now, announce ? 1 : 0, 0, announce ? now : null, null, null, assessment.Actual, now, 1) { Final = final };
            return new AlertDecision(first, announce, null, false) { IsFinalNotice = announce && final is not null };
        }

        if (final is not null && state.Final is null)
        {
            return Close(state, assessment, final, unit, now);
        }

        var current = state.Status;
        var next = Target(current, raw, assessment.StatusWithMargin);
        var observed = state with { LastActual = assessment.Actual, LastEvaluatedAt = now, Version = state.Version + 1 };

        if (next == current)
        {
            var quiet = observed with { CandidateStatus = null, CandidateSince = null };
            var sinceNotified = now - (state.LastNotifiedAt ?? state.StatusSince);
            var due = sinceNotified >= settings.RemindEvery && (!unit || settings.RemindUnits);
            if (IsPersistentBad(current) && settings.RemindEvery > TimeSpan.Zero && due)
            {
                return new AlertDecision(quiet with { Reminders = state.Reminders + 1, LastNotifiedAt = now }, true, current, true);
            }

            return new AlertDecision(quiet, false, current, false);
        }

        // Between pace statuses a change must hold before it is announced — a worse one for MinimumDwell, a better one for
        // RecoveryDwell — so a day's noise in a small unit's figures never reaches the leaders, nor flaps back.
        if (IsPace(current) && IsPace(next))
        {
            var worse = Rank(next) > Rank(current);
            var dwell = worse ? settings.MinimumDwell : settings.RecoveryDwell;
            if (dwell > TimeSpan.Zero)
            {
                var sameWay = state.CandidateStatus is { } candidate && (Rank(candidate) > Rank(current)) == worse;
                var since = sameWay ? state.CandidateSince ?? now : now;
                if (now - since < dwell)
                {
                    return new AlertDecision(observed with { CandidateStatus = next, CandidateSince = since }, false, current, false);
                }
            }
        }

        var announceChange = !(next == TargetStatus.Pending || (next == TargetStatus.OnTrack && current == TargetStatus.Pending))
            && (!unit || IsBad(next) || IsBad(current));
        var changed = observed with
        {
            PreviousStatus = current,
            Status = next,
            StatusSince = now,
            Transitions = state.Transitions + (announceChange ? 1 : 0),
            Reminders = 0,
            LastNotifiedAt = announceChange ? now : state.LastNotifiedAt,
            CandidateStatus = null,
            CandidateSince = null,
        };
        return new AlertDecision(changed, announceChange, current, false);
    }

    /// <summary>
    /// The books of a measured rate close: its final figures are kept and never recomputed. The institution always hears
    /// the final verdict with the final figures, so the last word on a measured rate is the measured figure; a unit hears
    /// it only when its verdict or its figures changed while the books were open (otherwise its provisional alert
    /// already said it, with the same figures).
    /// </summary>
    private static AlertDecision Close(AlertState state, Assessment assessment, FinalFigures final, bool unit, DateTimeOffset now)
    {
        var verdictChanged = assessment.Status != state.Status;
        var notice = !unit || verdictChanged || state.LastActual != final.Actual;
        var closed = state with
        {
            PreviousStatus = verdictChanged ? state.Status : state.PreviousStatus,
            Status = assessment.Status,
            StatusSince = verdictChanged ? now : state.StatusSince,
            Transitions = state.Transitions + (notice ? 1 : 0),
            Reminders = 0,
            LastNotifiedAt = notice ? now : state.LastNotifiedAt,
            CandidateStatus = null,
            CandidateSince = null,
            LastActual = assessment.Actual,
            LastEvaluatedAt = now,
            Version = state.Version + 1,
            Final = final,
        };
        return new AlertDecision(closed, notice, state.Status, false) { IsFinalNotice = notice };
    }

    /// <summary>
    /// The severity of an assessed status: a provisional Missed (the books still open) short by no more than the
    /// tolerance band is a Warning — the reports filed before the books close can still lift it, and the office is to
    /// chase them; it is Critical once final, or when short by more.
    /// </summary>
    public static AlertSeverity Severity(TargetStatus status, Assessment assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        return status == TargetStatus.Missed && !assessment.IsFinal && assessment.ShortWithinBand && !assessment.SmallGroup
            ? AlertSeverity.Warning
            : Severity(status, assessment.SmallGroup);
    }

    /// <summary>Info for good or neutral news, Warning for AtRisk and NoData, Critical for OffTrack and Missed.</summary>
    public static AlertSeverity Severity(TargetStatus status, bool smallGroup) => status switch
    {
        _ when smallGroup => AlertSeverity.Info,
        TargetStatus.AtRisk or TargetStatus.NoData => AlertSeverity.Warning,
        TargetStatus.OffTrack or TargetStatus.Missed => AlertSeverity.Critical,
        _ => AlertSeverity.Info,
    };

    /// <summary>
    /// Between pace statuses an improvement needs the recovery margin: the announced status moves up only as far as the
    /// value clears it. Worse statuses and the non-pace ones (Met, Missed, Pending, NoData) apply as they are.
    /// </summary>
    private static TargetStatus Target(TargetStatus current, TargetStatus raw, TargetStatus withMargin)
    {
        if (IsPace(current) && IsPace(raw) && Rank(raw) < Rank(current))
        {
            return Rank(withMargin) < Rank(current) ? withMargin : current;
        }

        return raw;
    }

    private static bool IsPace(TargetStatus s) => s is TargetStatus.OnTrack or TargetStatus.AtRisk or TargetStatus.OffTrack;

    /// <summary>
    /// Whether an announced decision is good news: a move to a status that is not bad, or a step up between pace
    /// statuses (OffTrack → AtRisk), including a first look at Met. A move into NoData or Missed, a reminder and a first
    /// look at a bad status are not.
    /// </summary>
    public static bool IsImprovement(AlertDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var now = decision.State.Status;
        return !IsBad(now) || (!decision.IsReminder && decision.Previous is { } before && IsPace(before) && IsPace(now) && Rank(now) < Rank(before));
    }

    /// <summary>A status the leaders must act on: AtRisk, OffTrack, NoData or Missed.</summary>
    public static bool IsBad(TargetStatus s) => s is TargetStatus.AtRisk or TargetStatus.OffTrack or TargetStatus.NoData or TargetStatus.Missed;

    private static bool IsPersistentBad(TargetStatus s) => s is TargetStatus.AtRisk or TargetStatus.OffTrack or TargetStatus.NoData;

    /// <summary>Higher is worse.</summary>
    public static int Rank(TargetStatus s) => s switch
    {
        TargetStatus.Met => 0,
        TargetStatus.OnTrack => 1,
        TargetStatus.Pending => 1,
        TargetStatus.AtRisk => 2,
        TargetStatus.NoData => 2,
        TargetStatus.OffTrack => 3,
        TargetStatus.Missed => 4,
        _ => 1,
    };
}

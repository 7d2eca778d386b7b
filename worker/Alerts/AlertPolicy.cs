using Monitor.Messages;
using Monitor.Worker.Targets;

namespace Monitor.Worker.Alerts;

/// <summary>What one evaluation does to a target's alert state.</summary>
/// <param name="State">The state to save.</param>
/// <param name="Announce">Whether an alert goes out.</param>
/// <param name="Previous">The announced status before this change (null on a first evaluation).</param>
/// <param name="IsReminder">The alert repeats a bad status that persists.</param>
public sealed record AlertDecision(AlertState State, bool Announce, TargetStatus? Previous, bool IsReminder);

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
    /// <param name="remindEarly">
    /// Another alert of the same target goes out in this evaluation: a reminder already half its interval old is sent
    /// with it rather than on its own a few days later, so the target's reminders fall on the same days.
    /// </param>
    public static AlertDecision Decide(string targetId, string scopeKey, AlertState? state, Assessment assessment, AlertSettings settings, DateTimeOffset now, bool remindEarly = false)
    {
        var raw = assessment.Status;
        if (state is null)
        {
            // Quiet when fine: a first look that finds the target not started or on track says nothing.
            var announce = raw is not (TargetStatus.Pending or TargetStatus.OnTrack);
            var first = new AlertState(
                targetId, scopeKey, raw, now, announce ? 1 : 0, 0, announce ? now : null, null, null, assessment.Actual, now, 1);
            return new AlertDecision(first, announce, null, false);
        }

        var current = state.Status;
        var next = Target(current, raw, assessment.StatusWithMargin);
        var observed = state with { LastActual = assessment.Actual, LastEvaluatedAt = now, Version = state.Version + 1 };

        if (next == current)
        {
            var quiet = observed with { CandidateStatus = null, CandidateSince = null };
            var sinceNotified = now - (state.LastNotifiedAt ?? state.StatusSince);
            var due = sinceNotified >= settings.RemindEvery || (remindEarly && sinceNotified >= settings.RemindEvery / 2);
            if (IsPersistentBad(current) && settings.RemindEvery > TimeSpan.Zero && due)
            {
                return new AlertDecision(quiet with { Reminders = state.Reminders + 1, LastNotifiedAt = now }, true, current, true);
            }

            return new AlertDecision(quiet, false, current, false);
        }

        if (Rank(next) > Rank(current) && settings.MinimumDwell > TimeSpan.Zero)
        {
            var since = state.CandidateStatus == next ? state.CandidateSince ?? now : now;
            if (now - since < settings.MinimumDwell)
            {
                return new AlertDecision(observed with { CandidateStatus = next, CandidateSince = since }, false, current, false);
            }
        }

        var announceChange = !(next == TargetStatus.Pending || (next == TargetStatus.OnTrack && current == TargetStatus.Pending));
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

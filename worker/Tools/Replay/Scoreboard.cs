using System.Globalization;
using Monitor.Messages;
using Monitor.Worker.Targets;

namespace Monitor.Worker.Tools.Replay;

/// <summary>
/// How good a replayed year's alerts were, for a year whose outcome is known: how many there were and how many were
/// Critical; Critical alerts on scopes that ended Met (alarms that cried wolf); for every scope that ended Missed, how
/// long before the deadline its first Warning or Critical came (the lead time); flaps (a scope back, within a week, to
/// a status it had left); and alerts in the first fortnight of a period, before there can be evidence.
/// </summary>
public sealed record Scoreboard(
    int Alerts,
    int Critical,
    int Reminders,
    int CriticalOnMet,
    IReadOnlyList<ScopeLead> Missed,
    int Flaps,
    int EarlyAlerts)
{
    /// <summary>Days within which returning to a status left counts as a flap.</summary>
    public const int FlapDays = 7;

    /// <summary>Days at the start of a period in which any alert counts as early.</summary>
    public const int EarlyDays = 14;

    /// <summary>The scoreboard of a replay, given each scope's final status (its announced status on the last day).</summary>
    public static Scoreboard Of(IReadOnlyList<ReplayedAlert> replayed, TargetCatalog targets, IReadOnlyDictionary<(string TargetId, string? UnitCode), TargetStatus> finals)
    {
        ArgumentNullException.ThrowIfNull(replayed);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(finals);
        var byTarget = targets.All.ToDictionary(t => t.Id, StringComparer.Ordinal);
        var byScope = replayed.GroupBy(r => (r.Alert.TargetId, r.Alert.UnitCode)).ToDictionary(g => g.Key, g => g.OrderBy(r => r.On).ToList());

        var criticalOnMet = replayed.Count(r => r.Alert.Severity == AlertSeverity.Critical
            && finals.GetValueOrDefault((r.Alert.TargetId, r.Alert.UnitCode)) == TargetStatus.Met);

        var missed = finals
            .Where(f => f.Value == TargetStatus.Missed && byTarget.ContainsKey(f.Key.TargetId))
            .Select(f =>
            {
                var deadline = byTarget[f.Key.TargetId].Deadline;
                var first = byScope.GetValueOrDefault(f.Key)?.FirstOrDefault(r => r.Alert.Severity >= AlertSeverity.Warning);
                return new ScopeLead(f.Key.TargetId, f.Key.UnitCode, first?.On, first is null ? null : deadline.DayNumber - first.On.DayNumber, byTarget[f.Key.TargetId].IsRate);
            })
            .OrderBy(l => l.TargetId, StringComparer.Ordinal)
            .ThenBy(l => l.UnitCode, StringComparer.Ordinal)
            .ToList();

        var flaps = 0;
        foreach (var alerts in byScope.Values)
        {
            var changes = alerts.Where(r => !r.Alert.IsReminder && r.Alert.Previous is { } p && p != r.Alert.Current).ToList();
            for (var i = 0; i < changes.Count; i++)
            {
                var left = changes[i].Alert.Previous;
                if (changes.Skip(i + 1).Any(later => later.Alert.Current == left && later.On.DayNumber - changes[i].On.DayNumber <= FlapDays))
                {
                    flaps++;
                }
            }
        }

        var early = replayed.Count(r => byTarget.TryGetValue(r.Alert.TargetId, out var t) && r.On.DayNumber - t.PeriodStart.DayNumber < EarlyDays);
        return new Scoreboard(
            replayed.Count,
            replayed.Count(r => r.Alert.Severity == AlertSeverity.Critical),
            replayed.Count(r => r.Alert.IsReminder),
            criticalOnMet,
            missed,
            flaps,
            early);
    }

    /// <summary>One line for the replay's tally.</summary>
    public string Summary()
    {
        var leads = Missed.Count == 0
            ? "none missed"
            : string.Join(", ", Missed.Select(m => $"{m.TargetId}{(m.UnitCode is null ? string.Empty : "/" + m.UnitCode)} {(m.LeadDays is { } d ? $"{d} d" : "never warned")}"));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Scoreboard: {Alerts} alerts, {Critical} Critical, {Reminders} reminders, {CriticalOnMet} Critical on scopes that ended Met, {Flaps} flaps, {EarlyAlerts} in the first {EarlyDays} days of a period; first warning before the deadline of each scope that ended Missed: {leads}.");
    }
}

/// <summary>A scope that ended Missed, and when it was first warned.</summary>
/// <param name="TargetId">The target.</param>
/// <param name="UnitCode">The unit, or null for the institution.</param>
/// <param name="FirstWarning">The day of its first Warning or Critical alert, if any.</param>
/// <param name="LeadDays">Days from that alert to the deadline.</param>
/// <param name="IsRate">A rate (judged on its measurement date) rather than a count.</param>
public sealed record ScopeLead(string TargetId, string? UnitCode, DateOnly? FirstWarning, int? LeadDays, bool IsRate);

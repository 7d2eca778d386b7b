namespace Monitor.Worker.Targets;

/// <summary>
/// A target's pace line in one scope, in whole units: employers for a count; graduates for a rate, on a line that ends
/// at the graduates the threshold needs (<see cref="TargetDefinition.Needed"/>, rounded up: 30 of 30 for 97 % of 30).
/// Everything the engine compares — done, owed, the band, the forecast — is in these units, so a rate moves in whole
/// graduates as a count moves in whole employers.
/// </summary>
internal sealed class PaceLine(TargetDefinition target, decimal threshold, Measurement measurement, int? denominator)
{
    private readonly bool rate = target.IsRate;

    /// <summary>Units needed by the deadline: the threshold, or the graduates it needs.</summary>
    public decimal Needed { get; } = target.IsRate
        ? (denominator is > 0 ? Math.Ceiling(threshold * denominator.Value / 100m) : 0m)
        : threshold;

    /// <summary>The share of the work (0 to 1) the pace expects by the end of <paramref name="day"/>.</summary>
    public decimal Share(DateOnly day) =>
        measurement.PaceShape?.Invoke(day) ?? target.Pace.Share(day, target.PeriodStart, target.Deadline);

    /// <summary>Units done by the end of <paramref name="day"/>.</summary>
    public decimal Done(DateOnly day) => rate ? measurement.NumeratorOn?.Invoke(day) ?? 0 : measurement.ValueOn(day);

    /// <summary>
    /// Units owed by the end of <paramref name="day"/>: whole units (0.3 of an employer is not yet one owed). The line is
    /// rounded to 20 decimals first: a share such as 35/95 is held a hair below its value, and the line at exactly 350
    /// graduates must owe 350, not 349.
    /// </summary>
    public decimal Owed(DateOnly day) => Math.Floor(Math.Round(OwedExactly(day), 20));

    /// <summary>The line itself, unrounded.</summary>
    public decimal OwedExactly(DateOnly day) => Needed * Share(day);

    /// <summary>
    /// How far below the line a scope is still on track: the tolerance (a share of what is owed for a count, points of
    /// the rate for a rate), and never less than chance alone moves a scope of this size — the square root of what it
    /// owes (2 of 4 employers owed, 5 of 25 graduates) — nor less than one unit.
    /// </summary>
    public decimal Band(decimal owed) => Math.Max(
        Math.Max(1m, Math.Floor((decimal)Math.Sqrt((double)Math.Max(0m, owed)))),
        rate ? Math.Floor(target.Alerting.TolerancePoints * (denominator ?? 0) / 100m) : owed * target.Alerting.TolerancePercent / 100m);

    /// <summary>How far a value must clear a boundary before a worse announced status improves: at least one unit.</summary>
    public decimal Margin(decimal owed) => Math.Max(1m, rate
        ? Math.Floor(target.Alerting.RecoveryMarginPoints * (denominator ?? 0) / 100m)
        : owed * target.Alerting.RecoveryMarginPercent / 100m);

    /// <summary>
    /// Judged only with evidence: a fortnight of the period run (<see cref="AlertSettings.JudgeAfterDays"/>) and a few units
    /// owed (<see cref="AlertSettings.JudgeFromOwed"/>). Before that a scope is Pending, however few it has.
    /// </summary>
    public bool HasEvidence(DateOnly asOfLine) =>
        asOfLine.DayNumber - target.PeriodStart.DayNumber + 1 >= target.Alerting.JudgeAfterDays
        && Owed(asOfLine) >= Math.Max(1, target.Alerting.JudgeFromOwed);

    /// <summary>Units as the figures are quoted: a count to one decimal, a rate in percent to two.</summary>
    public decimal Shown(decimal units) => rate
        ? denominator is > 0 ? TargetEngine.Round(Math.Min(100m, units * 100m / denominator.Value), rate: true) : 0m
        : TargetEngine.Round(units, rate: false);

    /// <summary>
    /// Whether a forecast misses the threshold clearly: by more than chance can still move it, in whole units — the
    /// square root of what the line has still to climb (the rest of the year's own randomness), plus the rest walked at
    /// the uncertainty of the pace measured so far (a pace read from 4 units done is rough; from 1,700, firm). A stalled
    /// group of 30 that needs all 30 misses clearly at 29 with three weeks to go; a unit of 30 employers at 4 of 5 owed
    /// in April does not.
    /// </summary>
    public bool MissesClearly(decimal forecast, DateOnly today)
    {
        var line = OwedExactly(today.AddDays(-1));
        var rest = Math.Max(0m, Needed - line);
        var done = Math.Max(1m, Done(today));
        var chance = Math.Floor(Sqrt(rest)) + (line > 0 ? Math.Floor(rest * Sqrt(done) / line) : rest);
        return Math.Floor(forecast) < Needed - chance;
    }

    /// <summary>
    /// Whether the recent pace, held to the deadline, misses the threshold by more than that pace's own uncertainty
    /// (what was done in the window is itself a count: its square root over the line's climb in the window, walked over
    /// the rest of the line). Late in a period, when a scope's pace has been read from enough of its own recent work, this
    /// warns a scope that sits on its line but is slowing towards a miss of a few units; early on it says nothing.
    /// </summary>
    public bool RecentPaceMissesClearly(DateOnly today, int window)
    {
        var yesterday = today.AddDays(-1);
        var line = OwedExactly(yesterday);
        var lineMoved = line - OwedExactly(yesterday.AddDays(-window));
        if (today.DayNumber - target.PeriodStart.DayNumber + 1 <= window || target.Deadline.DayNumber - today.DayNumber > 2 * window || lineMoved < 1m)
        {
            return false;
        }

        var doneInWindow = Done(today) - Done(today.AddDays(-window));
        var rest = Math.Max(0m, Needed - line);
        var likely = Done(today) + (doneInWindow / lineMoved * rest);
        var chance = Math.Floor(rest * Sqrt(Math.Max(1m, doneInWindow)) / lineMoved);
        return Math.Floor(likely) < Needed - chance;
    }

    private static decimal Sqrt(decimal value) => (decimal)Math.Sqrt((double)Math.Max(0m, value));

    /// <summary>
    /// Units forecast at the deadline: the rest of the line walked at the pace shown, as a share of the line's own —
    /// recently (the forecast window), and over the period so far. Low and high span the two.
    /// </summary>
    public (decimal Likely, decimal Low, decimal High) ForecastUnits(DateOnly today, int window)
    {
        var yesterday = today.AddDays(-1);
        var done = Done(today);
        var line = OwedExactly(yesterday);
        var rest = Math.Max(0m, Needed - line);
        decimal? average = line > 0 ? done / line : null;
        decimal? recent = null;
        var elapsed = today.DayNumber - target.PeriodStart.DayNumber + 1;
        if (elapsed > window)
        {
            var lineMoved = line - OwedExactly(yesterday.AddDays(-window));
            if (lineMoved >= 1m)
            {
                recent = (done - Done(today.AddDays(-window))) / lineMoved;
            }
        }

        var likelyPace = recent ?? average ?? 1m;
        var lowPace = Math.Min(recent ?? likelyPace, average ?? likelyPace);
        var highPace = Math.Max(recent ?? likelyPace, average ?? likelyPace);
        var cap = rate ? denominator ?? 0 : decimal.MaxValue;
        return (Math.Min(cap, done + (likelyPace * rest)), Math.Min(cap, done + (lowPace * rest)), Math.Min(cap, done + (highPace * rest)));
    }
}

using Monitor.Messages;

namespace Monitor.Worker.Targets;

/// <summary>
/// Turns a measurement and a day into a status, expected-by-now, forecast and required pace (DESIGN §3).
/// No I/O and no clock of its own: the same inputs always give the same assessment.
/// </summary>
public static class TargetEngine
{
    public static Assessment Assess(TargetDefinition target, decimal threshold, Measurement measurement, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(measurement);
        return target.IsRate && today >= target.Deadline && measurement.Denominator is > 0
            ? AssessMeasured(target, threshold, measurement, today)
            : AssessRunning(target, threshold, measurement, today);
    }

    /// <summary>
    /// A rate on and after its measurement date: the verdict is the measured figure's (each graduate's latest report
    /// effective on or before that date), against the threshold in whole graduates — on the date itself as after it.
    /// Today's rate is kept beside it, labelled apart.
    /// </summary>
    private static Assessment AssessMeasured(TargetDefinition target, decimal threshold, Measurement measurement, DateOnly today)
    {
        var settings = target.Alerting;
        var measured = measurement.Measured
            ?? new MeasuredRate(measurement.NumeratorOn!(target.Deadline), measurement.Denominator!.Value, IsFinal: false);
        var needed = (int)Math.Ceiling(threshold * measured.Denominator / 100m);
        var smallGroup = measured.Denominator < settings.MinimumGroupSize;

        // Short of the threshold by no more than the tolerance (and never less than one graduate): the reports still
        // to come before the books close can make that up.
        var oneGraduate = Math.Ceiling(10000m / measured.Denominator) / 100m;
        var withinBand = measured.Actual >= (needed * 100m / measured.Denominator) - Math.Max(settings.TolerancePoints, oneGraduate);
        TargetStatus status;
        if (measured.Numerator >= needed)
        {
            status = TargetStatus.Met;
        }
        else if (today > target.Deadline)
        {
            status = TargetStatus.Missed;
        }
        else
        {
            // The measurement date itself: reports effective today may still come, so short of the threshold is behind,
            // not yet missed — and never on track.
            status = withinBand ? TargetStatus.AtRisk : TargetStatus.OffTrack;
        }

        var expected = today == target.Deadline ? Math.Round(needed * 100m / measured.Denominator, 2, MidpointRounding.AwayFromZero) : (decimal?)null;
        var remaining = today == target.Deadline ? Math.Max(0, needed - measured.Numerator) : (decimal?)null;
        return new Assessment(
            status, status, measured.Actual, measured.Numerator, measured.Denominator, threshold, expected, null, null, null, remaining,
            null, today == target.Deadline ? 0 : null, target.Deadline, today, smallGroup, null)
        {
            AsOf = target.Deadline,
            IsFinal = measured.IsFinal,
            ShortWithinBand = measured.Numerator < needed && withinBand,
            CurrentActual = Round(measurement.ValueOn(today), rate: true),
            CurrentNumerator = measurement.NumeratorOn?.Invoke(today),
            CurrentDenominator = measurement.Denominator,
        };
    }

    private static Assessment AssessRunning(TargetDefinition target, decimal threshold, Measurement measurement, DateOnly today)
    {
        var settings = target.Alerting;
        var rate = target.IsRate;
        var actual = Round(measurement.ValueOn(today), rate);
        var numerator = measurement.NumeratorOn?.Invoke(today);
        var denominator = measurement.Denominator;
        var smallGroup = rate && denominator < settings.MinimumGroupSize;
        var daysLeft = target.Deadline.DayNumber - today.DayNumber;
        var running = today >= target.PeriodStart && today <= target.Deadline;
        var line = new PaceLine(target, threshold, measurement, denominator);

        // Progress in whole units (employers; graduates for a rate) against the pace line as of the end of yesterday:
        // a morning evaluation has yesterday's events, not yet today's, and must not be held to today's share.
        var asOfLine = today.AddDays(-1);
        decimal? expected = running ? line.Shown(line.Owed(asOfLine)) : null;
        var (forecast, low, high) = running ? Forecast(target, line, today) : (null, null, null);
        var (remaining, perWeek) = running ? Required(threshold, actual, numerator, denominator, daysLeft, rate) : (null, null);
        int? daysWithoutData = running ? WorkingDaysWithoutData(target, measurement, today) : null;

        TargetStatus status;
        TargetStatus withMargin;
        if (today < target.PeriodStart)
        {
            status = withMargin = TargetStatus.Pending;
        }
        else if (rate && denominator is null or 0)
        {
            status = withMargin = TargetStatus.NoData;
        }
        else if (!rate && actual >= threshold)
        {
            status = withMargin = TargetStatus.Met;
        }
        else if (today > target.Deadline)
        {
            // A count is judged on the last day of its period (a rate on its measurement date: AssessMeasured).
            var final = Round(measurement.ValueOn(target.Deadline), rate);
            status = withMargin = final >= threshold ? TargetStatus.Met : TargetStatus.Missed;
        }
        else if (!line.HasEvidence(asOfLine))
        {
            // No judgement before there is evidence: a fortnight into the period and a few units owed.
            status = withMargin = TargetStatus.Pending;
        }
        else if (daysWithoutData > settings.NoDataAfterDays && line.Done(today) < line.Owed(asOfLine))
        {
            status = withMargin = TargetStatus.NoData;
        }
        else
        {
            var done = line.Done(today);
            var owed = line.Owed(asOfLine);

            // One employer or one graduate behind the line is always within the band, and an improvement must clear its
            // boundary by at least one: a small group cannot flap on a single report.
            var band = line.Band(owed);
            var margin = line.Margin(owed);
            var forecastCounts = today.DayNumber - target.PeriodStart.DayNumber + 1 >= settings.ForecastWindowDays;
            var bestCase = line.ForecastUnits(today, settings.ForecastWindowDays).High;
            var slowing = line.RecentPaceMissesClearly(today, settings.ForecastWindowDays);
            status = Pace(done, owed, band, 0m, forecastCounts, line.MissesClearly(bestCase, today), slowing);
            withMargin = Pace(done, owed, band, margin, forecastCounts, line.MissesClearly(bestCase - margin, today), slowing);
        }

        return new Assessment(
            status, withMargin, actual, numerator, denominator, threshold, expected, forecast, low, high, remaining, perWeek,
            running ? daysLeft : null, target.Deadline, today, smallGroup, daysWithoutData);
    }

    /// <summary>
    /// OnTrack on the line or within the tolerance band below it. Behind by more than the band: AtRisk while catching up
    /// needs no more than the scope has shown (the best of its recent and average pace reaches the threshold), OffTrack
    /// when even that misses. Near the line (within a band above it) but missing at the best pace it has shown: AtRisk,
    /// an early warning — the way a group of 30 whose target needs all 30 is warned while it sits at 29.
    /// </summary>
    /// <param name="done">Units done.</param>
    /// <param name="owed">Units the line expects by now.</param>
    /// <param name="band">The tolerance band in units.</param>
    /// <param name="margin">How far a value must clear a boundary to count as across it (0 for the raw status).</param>
    /// <param name="forecastCounts">A full forecast window of the period has run.</param>
    /// <param name="bestCaseMisses">Even the best of the recent and average pace misses the threshold clearly.</param>
    /// <param name="likelyMisses">The recent pace misses the threshold by more than its own uncertainty.</param>
    private static TargetStatus Pace(decimal done, decimal owed, decimal band, decimal margin, bool forecastCounts, bool bestCaseMisses, bool likelyMisses)
    {
        if (done >= owed - band + margin)
        {
            return forecastCounts && (bestCaseMisses || likelyMisses) && done < owed + band ? TargetStatus.AtRisk : TargetStatus.OnTrack;
        }

        return forecastCounts && bestCaseMisses ? TargetStatus.OffTrack : TargetStatus.AtRisk;
    }

    /// <summary>
    /// Extrapolates to the deadline along the pace line: the rest of the line is walked at the pace the scope has shown,
    /// as a share of the line's own — over the recent window, and over the period so far — so a holiday or a busy term
    /// ahead is taken into account, and a recent spurt or lull shows as a wide range rather than a confident number.
    /// </summary>
    private static (decimal? Forecast, decimal? Low, decimal? High) Forecast(TargetDefinition target, PaceLine line, DateOnly today)
    {
        var (recent, low, high) = line.ForecastUnits(today, target.Alerting.ForecastWindowDays);
        return (line.Shown(recent), line.Shown(low), line.Shown(high));
    }

    /// <summary>
    /// Working days since the target's last event: weekdays on which the pace expects work (a holiday period that
    /// weighs nothing, the Spring Festival say, does not count as silence).
    /// </summary>
    private static int WorkingDaysWithoutData(TargetDefinition target, Measurement m, DateOnly today)
    {
        var from = (m.LastEventOn ?? target.PeriodStart.AddDays(-1)).AddDays(1);
        var days = 0;
        for (var day = from < target.PeriodStart ? target.PeriodStart : from; day <= today; day = day.AddDays(1))
        {
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && target.Pace.WeightOn(day) > 0)
            {
                days++;
            }
        }

        return days;
    }

    /// <summary>What is still missing and how much per week that is: employers for counts, graduates for rates.</summary>
    private static (decimal? Remaining, decimal? PerWeek) Required(decimal threshold, decimal actual, int? numerator, int? denominator, int daysLeft, bool rate)
    {
        decimal remaining;
        if (rate)
        {
            if (numerator is null || denominator is null or 0)
            {
                return (null, null);
            }

            var needed = (int)Math.Ceiling(threshold * denominator.Value / 100m);
            remaining = Math.Max(0, needed - numerator.Value);
        }
        else
        {
            remaining = Math.Max(0m, threshold - actual);
        }

        var perWeek = remaining == 0 ? 0m : Math.Round(remaining * 7m / Math.Max(1, daysLeft), 1, MidpointRounding.AwayFromZero);
        return (remaining, perWeek);
    }

    /// <summary>Counts to one decimal (expected-by-now may be fractional); rates to two, as the reports quote them (95.44 %).</summary>
    internal static decimal Round(decimal value, bool rate) => Math.Round(value, rate ? 2 : 1, MidpointRounding.AwayFromZero);
}

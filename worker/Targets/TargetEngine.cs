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
        var settings = target.Alerting;
        var rate = target.IsRate;
        var actual = Round(measurement.ValueOn(today), rate);
        var numerator = measurement.NumeratorOn?.Invoke(today);
        var denominator = measurement.Denominator;
        var smallGroup = rate && denominator < settings.MinimumGroupSize;
        var daysLeft = target.Deadline.DayNumber - today.DayNumber;
        var running = today >= target.PeriodStart && today <= target.Deadline;

        decimal? expected = running ? Expected(target.Pace.ExpectedOn(today, target.PeriodStart, target.Deadline, threshold), rate, denominator) : null;

        // One graduate, in points of the rate: a rate moves in whole graduates, as a count moves in whole employers.
        // Rates are compared at two decimals, so the band takes one graduate rounded up and the margin rounded down.
        var oneGraduateUp = rate && denominator is > 0 ? Math.Ceiling(10000m / denominator.Value) / 100m : 0m;
        var oneGraduateDown = rate && denominator is > 0 ? Math.Floor(10000m / denominator.Value) / 100m : 0m;
        var (forecast, low, high) = running ? Forecast(target, measurement, today, actual, rate) : (null, null, null);
        var (remaining, perWeek) = running ? Required(threshold, actual, numerator, denominator, daysLeft, rate) : (null, null);
        int? daysWithoutData = running
            ? today.DayNumber - (measurement.LastEventOn ?? target.PeriodStart.AddDays(-1)).DayNumber
            : null;

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
            // A rate is judged on its measurement date; a count on the last day of its period.
            var final = Round(measurement.ValueOn(target.Deadline), rate);
            status = withMargin = final >= threshold ? TargetStatus.Met : TargetStatus.Missed;
        }
        else if (daysWithoutData > settings.NoDataAfterDays && today.DayNumber - target.PeriodStart.DayNumber >= settings.NoDataAfterDays && actual < expected)
        {
            status = withMargin = TargetStatus.NoData;
        }
        else
        {
            // Being one employer or one graduate behind the line is always within the band, and an improvement must
            // clear its boundary by at least one: a small group cannot flap on a single report.
            var band = rate ? Math.Max(settings.TolerancePoints, oneGraduateUp) : Math.Max(1m, expected!.Value * settings.TolerancePercent / 100m);
            var margin = rate ? Math.Max(settings.RecoveryMarginPoints, oneGraduateDown) : Math.Max(1m, expected!.Value * settings.RecoveryMarginPercent / 100m);

            // The forecast condemns only after a full window of the period: a week-old period has no rate to extrapolate.
            var forecastCounts = today.DayNumber - target.PeriodStart.DayNumber + 1 >= settings.ForecastWindowDays;
            status = Pace(actual, expected!.Value, band, 0m, forecastCounts && high < threshold);

            // The forecast is a boundary too: it must clear the threshold by the same margin before OffTrack may improve.
            withMargin = Pace(actual, expected.Value, band, margin, forecastCounts && high < threshold + margin);
        }

        return new Assessment(
            status, withMargin, actual, numerator, denominator, threshold, expected, forecast, low, high, remaining, perWeek,
            running ? daysLeft : null, target.Deadline, today, smallGroup, daysWithoutData);
    }

    /// <summary>OnTrack at or above expected; AtRisk within the band below it (unless even the best forecast falls short); else OffTrack.</summary>
    private static TargetStatus Pace(decimal actual, decimal expected, decimal band, decimal margin, bool hopeless)
    {
        if (actual >= expected + margin)
        {
            return TargetStatus.OnTrack;
        }

        // At or above the line but not yet clear of it by the margin: never worse than AtRisk, whatever the forecast.
        if (actual >= expected)
        {
            return TargetStatus.AtRisk;
        }

        return actual >= expected - band + margin && !hopeless ? TargetStatus.AtRisk : TargetStatus.OffTrack;
    }

    /// <summary>
    /// Extrapolates the recent window's progress to the deadline; the range spans the recent and the period-average
    /// rates of progress, so a recent spurt or lull shows as a wide range rather than a confident number.
    /// </summary>
    private static (decimal? Forecast, decimal? Low, decimal? High) Forecast(TargetDefinition target, Measurement m, DateOnly today, decimal actual, bool rate)
    {
        var elapsed = today.DayNumber - target.PeriodStart.DayNumber + 1;
        var daysLeft = target.Deadline.DayNumber - today.DayNumber;
        var start = m.ValueOn(target.PeriodStart.AddDays(-1));
        var average = (actual - start) / elapsed;
        var window = target.Alerting.ForecastWindowDays;
        var recent = elapsed > window ? (actual - m.ValueOn(today.AddDays(-window))) / window : average;

        decimal Cap(decimal v) => Round(rate ? Math.Min(100m, v) : v, rate);
        return (Cap(actual + (recent * daysLeft)), Cap(actual + (Math.Min(recent, average) * daysLeft)), Cap(actual + (Math.Max(recent, average) * daysLeft)));
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

    /// <summary>
    /// Expected-by-now in whole units owed: a count's is the whole number of employers the pace has reached (0.3 of an
    /// employer is not yet one owed); a rate's is the whole number of the cohort's graduates its curve has reached, as a
    /// rate to two decimals (77.5 % of 2,500 is 1,937.5: 1,937 owed, 77.48 %).
    /// </summary>
    private static decimal Expected(decimal value, bool rate, int? denominator) =>
        !rate ? Math.Floor(value)
        : denominator is > 0 ? Round(Math.Floor(value * denominator.Value / 100m) * 100m / denominator.Value, rate)
        : Round(value, rate);

    /// <summary>Counts to one decimal (expected-by-now may be fractional); rates to two, as the reports quote them (95.44 %).</summary>
    private static decimal Round(decimal value, bool rate) => Math.Round(value, rate ? 2 : 1, MidpointRounding.AwayFromZero);
}

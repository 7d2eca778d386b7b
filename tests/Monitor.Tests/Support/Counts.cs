using Monitor.Worker.Targets;

namespace Monitor.Tests.Support;

/// <summary>Measurements written as "this many new employers on this day".</summary>
internal static class Counts
{
    public static Measurement Of(params (DateOnly Day, int New)[] steps) => new()
    {
        ValueOn = day => steps.Where(s => s.Day <= day).Sum(s => s.New),
        LastEventOn = steps.Length == 0 ? null : steps.Max(s => s.Day),
    };

    /// <summary>A rate over <paramref name="denominator"/> graduates, placed counts given as cumulative steps.</summary>
    public static Measurement Rate(int denominator, params (DateOnly Day, int Placed)[] placedFrom)
    {
        int Placed(DateOnly day) => placedFrom.Where(s => s.Day <= day).Select(s => s.Placed).DefaultIfEmpty(0).Last();
        return new Measurement
        {
            ValueOn = day => denominator == 0 ? 0m : Placed(day) * 100m / denominator,
            NumeratorOn = Placed,
            Denominator = denominator,
            LastEventOn = placedFrom.Length == 0 ? null : placedFrom.Max(s => s.Day),
        };
    }
}

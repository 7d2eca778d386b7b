namespace Monitor.Worker.Targets;

/// <summary>A rate's figures on its measurement date: placed and counted graduates, and whether its books have closed.</summary>
/// <param name="Numerator">Graduates placed as of the measurement date.</param>
/// <param name="Denominator">Graduates counted (registered minus withdrawn).</param>
/// <param name="IsFinal">The books have closed: these figures are the verdict's and never change again.</param>
public sealed record MeasuredRate(int Numerator, int Denominator, bool IsFinal)
{
    /// <summary>The rate in percent, to two decimals as the reports quote it (95.44).</summary>
    public decimal Actual => Denominator == 0 ? 0m : Math.Round(Numerator * 100m / Denominator, 2, MidpointRounding.AwayFromZero);
}

using System.Globalization;
using Monitor.Messages;
using Monitor.Worker.Alerts;
using ScottPlot;

namespace Monitor.Worker.Charts;

/// <summary>
/// The progress chart as a PNG (ScottPlot, drawn with SkiaSharp), for robots that show images: the actual by day in
/// the status colour, the pace line dashed, the threshold dotted, the forecast range to the deadline shaded. Chinese
/// text needs a CJK font file (<see cref="ChartFont"/>).
/// </summary>
public static class ChartImage
{
    public const int Width = 640;
    public const int Height = 400;

    /// <summary>The chart as PNG bytes.</summary>
    public static byte[] RenderPng(ProgressChart chart, ChartFont font, string language, int width = Width, int height = Height)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentNullException.ThrowIfNull(font);
        var english = Wording.IsEnglish(language);
        var plot = new Plot();

        var colour = StatusColour(chart.Status);
        var days = chart.Points.Select(p => X(p.Day)).ToArray();
        if (chart.Points.Count > 0)
        {
            var actual = plot.Add.Scatter(days, chart.Points.Select(p => (double)p.Actual).ToArray());
            actual.Color = colour;
            actual.LineWidth = 3;
            actual.MarkerSize = 0;

            var paced = chart.Points.Where(p => p.Expected is not null).ToList();
            if (paced.Count > 0)
            {
                var pace = plot.Add.Scatter(paced.Select(p => X(p.Day)).ToArray(), paced.Select(p => (double)p.Expected!.Value).ToArray());
                pace.Color = Colors.Gray;
                pace.LinePattern = LinePattern.Dashed;
                pace.LineWidth = 2;
                pace.MarkerSize = 0;
            }

            var last = chart.Points[^1];
            if (chart.ForecastLow is { } low && chart.ForecastHigh is { } high && last.Day < chart.Deadline)
            {
                double[] span = [X(last.Day), X(chart.Deadline)];
                var band = plot.Add.FillY(span, [(double)last.Actual, (double)low], [(double)last.Actual, (double)high]);
                band.FillColor = colour.WithAlpha(0.2);
                band.LineColor = colour.WithAlpha(0.5);
            }
        }

        var threshold = plot.Add.HorizontalLine((double)chart.Threshold);
        threshold.Color = Colors.Black;
        threshold.LinePattern = LinePattern.Dotted;
        threshold.LineWidth = 2;

        var bottom = plot.Axes.DateTimeTicksBottom();
        if (bottom.TickGenerator is ScottPlot.TickGenerators.DateTimeAutomatic ticks)
        {
            ticks.LabelFormatter = d => english ? d.ToString("MMM d", CultureInfo.InvariantCulture) : $"{d.Month}/{d.Day}";
        }

        plot.Axes.SetLimitsX(X(chart.PeriodStart), X(chart.Deadline.AddDays(1)));
        var top = (double)Math.Max(chart.Threshold, Math.Max(chart.ForecastHigh ?? 0, chart.Points.Count == 0 ? 0 : chart.Points.Max(p => Math.Max(p.Actual, p.Expected ?? 0))));
        plot.Axes.SetLimitsY(chart.IsRate ? Math.Max(0, Math.Min((double)chart.Threshold - 20, chart.Points.Count == 0 ? 0 : (double)chart.Points.Min(p => p.Actual) - 5)) : 0, top * 1.08 + 1);

        var latest = chart.Points.Count == 0 ? null : chart.Points[^1];
        var status = Wording.StatusName(chart.Status, language);
        var figure = latest is null ? string.Empty : Figure(latest.Actual, chart.IsRate);
        var key = english
            ? $"solid: actual · dashed: pace · shaded: forecast · dotted: target {Figure(chart.Threshold, chart.IsRate)}"
            : $"实线：实际 · 虚线：进度线 · 阴影：预测区间 · 点线：目标 {Figure(chart.Threshold, chart.IsRate)}";

        // The key is a line of the title, not a legend: ScottPlot's legend box measures CJK text too short.
        plot.Title($"{chart.TargetName} · {chart.ScopeName}\n{status}{(latest is null ? string.Empty : english ? $" · {figure} on {latest.Day:MMM d}" : $" · {figure}（截至{Wording.ChineseDate(latest.Day)}）")}\n{key}", size: 15);
        font.ApplyToTitle(plot);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    /// <summary>The board's colours (StatusBoard): green on course, amber at risk or without data, red behind.</summary>
    public static Color StatusColour(TargetStatus status) => status switch
    {
        TargetStatus.Met or TargetStatus.OnTrack => Color.FromHex("#2e7d32"),
        TargetStatus.AtRisk or TargetStatus.NoData => Color.FromHex("#ef8f00"),
        TargetStatus.OffTrack or TargetStatus.Missed => Color.FromHex("#c62828"),
        _ => Color.FromHex("#757575"),
    };

    private static double X(DateOnly day) => day.ToDateTime(TimeOnly.MinValue).ToOADate();

    private static string Figure(decimal value, bool isRate) => isRate ? $"{Wording.Number(value)}%" : Wording.Number(value);
}

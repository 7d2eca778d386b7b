using Monitor.Messages;
using Monitor.Worker.Charts;
using SkiaSharp;

namespace Monitor.Tests.Charts;

public sealed class ChartImageSpecs
{
    private static readonly DateOnly Start = new(2024, 1, 1);
    private static readonly DateOnly Deadline = new(2024, 12, 31);

    [Fact]
    public void When_a_scope_is_behind_should_draw_its_line_in_red_and_nothing_in_green()
    {
        using var bitmap = Render(TargetStatus.OffTrack);

        Assert.True(Count(bitmap, ChartImage.StatusColour(TargetStatus.OffTrack)) > 300, "the actual line is drawn in the status colour");
        Assert.Equal(0, Count(bitmap, ChartImage.StatusColour(TargetStatus.OnTrack)));
    }

    [Fact]
    public void When_a_scope_is_on_track_should_draw_its_line_in_green_and_nothing_in_red()
    {
        using var bitmap = Render(TargetStatus.OnTrack);

        Assert.True(Count(bitmap, ChartImage.StatusColour(TargetStatus.OnTrack)) > 300, "the actual line is drawn in the status colour");
        Assert.Equal(0, Count(bitmap, ChartImage.StatusColour(TargetStatus.OffTrack)));
    }

    [Fact]
    public void When_rendered_should_be_a_png_of_the_size_asked_for()
    {
        var png = ChartImage.RenderPng(Chart(TargetStatus.AtRisk), Font(), "zh-CN", 480, 300);

        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal((480, 300), (bitmap.Width, bitmap.Height));
    }

    [Fact]
    public void When_the_configured_font_file_does_not_exist_should_find_none()
    {
        Assert.Null(ChartFont.Find("/nonexistent/font.ttc"));
    }

    internal static ProgressChart Chart(TargetStatus status)
    {
        var points = Enumerable.Range(0, 200).Select(i => new ProgressPoint(Start.AddDays(i), i / 4m, i / 3m)).ToList();
        return new ProgressChart("校领导访企拓岗", "天津轻工职院", false, 100, Start, Deadline, points, 80, 110, status);
    }

    internal static ChartFont Font() =>
        ChartFont.Find(null) ?? throw new InvalidOperationException($"No CJK font on this machine: install fonts-noto-cjk (scripts/services.sh does). Looked for {string.Join(", ", ChartFont.KnownFiles)}.");

    private static SKBitmap Render(TargetStatus status) => SKBitmap.Decode(ChartImage.RenderPng(Chart(status), Font(), "zh-CN"));

    private static int Count(SKBitmap bitmap, ScottPlot.Color colour)
    {
        var count = 0;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var p = bitmap.GetPixel(x, y);
                if (Math.Abs(p.Red - colour.R) <= 8 && Math.Abs(p.Green - colour.G) <= 8 && Math.Abs(p.Blue - colour.B) <= 8)
                {
                    count++;
                }
            }
        }

        return count;
    }
}

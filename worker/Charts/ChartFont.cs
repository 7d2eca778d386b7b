namespace Monitor.Worker.Charts;

/// <summary>
/// The font file chart images are drawn with: the configured one (<c>Monitor:Web:ChartFont</c>), else the first CJK
/// font found where Debian's fonts-noto-cjk, fonts-wqy-zenhei or fonts-arphic-ukai put theirs. Without one, Chinese
/// text would be drawn as empty boxes, so no chart image is made.
/// </summary>
public sealed class ChartFont
{
    public static readonly IReadOnlyList<string> KnownFiles =
    [
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/arphic/ukai.ttc",
    ];

    private readonly Lock registration = new();
    private SkiaSharp.SKTypeface? typeface;

    private ChartFont(string file) => File = file;

    /// <summary>The font file.</summary>
    public string File { get; }

    /// <summary>The configured file when it exists, else the first of <see cref="KnownFiles"/> that exists; null when there is none.</summary>
    public static ChartFont? Find(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return System.IO.File.Exists(configured) ? new ChartFont(configured) : null;
        }

        var found = KnownFiles.FirstOrDefault(System.IO.File.Exists);
        return found is null ? null : new ChartFont(found);
    }

    /// <summary>
    /// Sets the plot's title in this font; call it after the title's text is set, which picks a font of its own. The
    /// tick labels, numbers only, keep ScottPlot's Latin font: a CJK font's tall ascent would draw them lower than their
    /// ticks, and a reader would misread the axis.
    /// </summary>
    public void ApplyToTitle(ScottPlot.Plot plot)
    {
        ArgumentNullException.ThrowIfNull(plot);
        lock (registration)
        {
            typeface ??= SkiaSharp.SKTypeface.FromFile(File) ?? throw new InvalidOperationException($"{File} is not a font file Skia can read.");
        }

        plot.Axes.Title.Label.Font = typeface;
    }
}

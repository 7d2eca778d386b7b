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

    private const string Name = "MonitorChart";
    private static readonly Lock Registration = new();
    private static string? registered;

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

    /// <summary>Makes the plot's text use this font (ScottPlot keeps added fonts process-wide, so a file is added once).</summary>
    public void Apply(ScottPlot.Plot plot)
    {
        ArgumentNullException.ThrowIfNull(plot);
        lock (Registration)
        {
            if (registered != File)
            {
                ScottPlot.Fonts.AddFontFile(Name, File);
                registered = File;
            }
        }

        plot.Font.Set(Name);
    }
}

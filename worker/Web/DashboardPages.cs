using System.Net;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Monitor.Worker.Settings;

namespace Monitor.Worker.Web;

/// <summary>
/// The page, its style and script and the chart library, embedded in the worker (nothing comes from a CDN). Each asset
/// is addressed with its content hash (<c>/assets/echarts.min.js?v=…</c>) so browsers may keep it for a year; the page
/// itself is never cached, and carries the language and its words.
/// </summary>
public sealed class DashboardPages
{
    public const string AssetCacheControl = "public, max-age=31536000, immutable";

    private const string Prefix = "Monitor.Dashboard.";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".html"] = "text/html; charset=utf-8",
    };

    private readonly Dictionary<string, (byte[] Bytes, string Version)> assets = new(StringComparer.Ordinal);
    private readonly string language;
    private readonly string words;

    public DashboardPages(IOptions<MonitorOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var assembly = typeof(DashboardPages).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var bytes = Read(assembly, resource);
            assets[resource[Prefix.Length..]] = (bytes, Convert.ToHexStringLower(SHA256.HashData(bytes))[..12]);
        }

        language = Alerts.Wording.IsEnglish(options.Value.Language) ? "en" : "zh-CN";
        words = JsonSerializer.Serialize(DashboardText.For(language));
    }

    /// <summary>An asset by file name, or null; <paramref name="contentType"/> is what it is served as.</summary>
    public byte[]? Asset(string name, out string contentType)
    {
        contentType = ContentTypes.GetValueOrDefault(Path.GetExtension(name), "application/octet-stream");
        return name.EndsWith(".html", StringComparison.Ordinal) || !assets.TryGetValue(name, out var asset) ? null : asset.Bytes;
    }

    /// <summary>
    /// The page (one for every route: its script reads the address): the language, the words, the assets' addresses
    /// and <paramref name="title"/> filled in.
    /// </summary>
    public string Page(string title)
    {
        var html = Encoding.UTF8.GetString(assets["dashboard.html"].Bytes);
        return html
            .Replace("{{lang}}", language, StringComparison.Ordinal)
            .Replace("{{title}}", WebUtility.HtmlEncode(title), StringComparison.Ordinal)
            .Replace("{{words}}", words, StringComparison.Ordinal)
            .Replace("{{css}}", Address("dashboard.css"), StringComparison.Ordinal)
            .Replace("{{echarts}}", Address("echarts.min.js"), StringComparison.Ordinal)
            .Replace("{{script}}", Address("dashboard.js"), StringComparison.Ordinal);
    }

    public string Title => DashboardText.For(language)["title"];

    private string Address(string name) => $"/assets/{name}?v={assets[name].Version}";

    private static byte[] Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

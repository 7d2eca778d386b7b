using Microsoft.Extensions.Options;
using Monitor.Worker.Settings;
using Monitor.Worker.Web;

namespace Monitor.Tests.Web;

public class DashboardPagesSpecs
{
    private static DashboardPages Pages(string language) => new(Options.Create(new MonitorOptions { Language = language }));

    [Fact]
    public void When_no_language_is_set_should_serve_the_page_in_chinese_with_its_words()
    {
        var page = Pages("zh-CN").Page("学院领导班子走访用人单位");

        Assert.Contains("<html lang=\"zh-CN\">", page, StringComparison.Ordinal);
        Assert.Contains("<title>学院领导班子走访用人单位</title>", page, StringComparison.Ordinal);
        Assert.Contains(System.Text.Json.JsonSerializer.Serialize("按进度应达"), page, StringComparison.Ordinal);
    }

    [Fact]
    public void When_the_language_is_english_should_serve_the_page_in_english()
    {
        var pages = Pages("en");
        var page = pages.Page(pages.Title);

        Assert.Contains("<html lang=\"en\">", page, StringComparison.Ordinal);
        Assert.Contains("<title>Employment targets</title>", page, StringComparison.Ordinal);
        Assert.Contains("\"expected\":\"Expected by now\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public void When_a_title_holds_markup_should_write_it_as_text()
    {
        Assert.Contains("<title>&lt;script&gt;</title>", Pages("zh-CN").Page("<script>"), StringComparison.Ordinal);
    }

    [Fact]
    public void When_the_page_names_its_assets_should_address_each_by_its_content_so_a_new_version_is_fetched_anew()
    {
        var pages = Pages("zh-CN");
        var page = pages.Page(pages.Title);

        foreach (var name in new[] { "echarts.min.js", "dashboard.js", "dashboard.css" })
        {
            var bytes = pages.Asset(name, out var contentType);
            Assert.NotNull(bytes);
            var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))[..12];
            Assert.Contains($"/assets/{name}?v={hash}", page, StringComparison.Ordinal);
            Assert.EndsWith("; charset=utf-8", contentType, StringComparison.Ordinal);
        }

        Assert.Null(pages.Asset("dashboard.html", out _));
        Assert.Null(pages.Asset("../appsettings.json", out _));
    }

    [Fact]
    public void When_the_chart_library_is_embedded_should_be_the_pinned_echarts()
    {
        var library = System.Text.Encoding.UTF8.GetString(Pages("zh-CN").Asset("echarts.min.js", out _)!);
        var lockFile = File.ReadAllText(Support.RepositoryFiles.Path("worker/Web/Dashboard/package-lock.json"));
        var pinned = System.Text.Json.JsonDocument.Parse(lockFile).RootElement.GetProperty("packages").GetProperty("node_modules/echarts").GetProperty("version").GetString();

        Assert.Equal("6.1.0", pinned);
        Assert.Contains($"version=\"{pinned}\"", library, StringComparison.Ordinal);
    }
}

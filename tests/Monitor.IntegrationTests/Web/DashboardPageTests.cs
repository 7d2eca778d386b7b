using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Monitor.IntegrationTests.Infrastructure;
using Monitor.Worker.History;
using Monitor.Worker.Institutions;
using Monitor.Worker.Web;
using OpenQA.Selenium;
using OpenQA.Selenium.Interactions;
using OpenQA.Selenium.Support.UI;

namespace Monitor.IntegrationTests.Web;

/// <summary>
/// The dashboard in a real browser (headless Chromium) against the real worker on RabbitMQ and PostgreSQL: what the
/// charts draw is read back from the page (the ECharts instances' options, SVG renderer) and compared with the history
/// store and the API.
/// </summary>
[Collection(DashboardWorld.Collection)]
public sealed class DashboardPageTests(DashboardWorld world)
{
    private const string TargetPage = "t/" + DashboardWorld.Target;

    [Fact]
    public async Task When_the_overview_and_a_target_page_load_should_draw_them_without_a_console_error()
    {
        var detail = await GetAsync($"api/targets/{DashboardWorld.Target}");
        using var browser = Browser.Start(1280, 800);

        browser.Open(new Uri(world.Address, "/"));
        Assert.Empty(browser.Driver.FindElements(By.CssSelector("main .error")));
        Assert.Equal(4, browser.Driver.FindElements(By.CssSelector("a.card.target")).Count);
        Assert.Equal(4, int.Parse(browser.Json("document.querySelectorAll('.spark svg').length"), CultureInfo.InvariantCulture));

        browser.Open(new Uri(world.Address, TargetPage));
        Assert.Empty(browser.Driver.FindElements(By.CssSelector("main .error")));
        Assert.Equal(detail.GetProperty("scopes")[0].GetProperty("statusName").GetString(), browser.Driver.FindElement(By.CssSelector("#summary .badge")).Text);

        Assert.Empty(browser.ConsoleProblems());
    }

    [Fact]
    public async Task When_a_target_page_is_drawn_should_chart_the_figures_the_history_holds_and_the_api_serves()
    {
        using var browser = Browser.Start(1280, 800);
        browser.Open(new Uri(world.Address, TargetPage));

        var drawn = Points(browser.Json(SeriesData("progress-chart", "actual")));
        var stored = await world.History.GetSeriesAsync(DashboardWorld.Target, null, new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), CancellationToken.None);
        var api = await GetAsync($"api/targets/{DashboardWorld.Target}/series");

        Assert.Equal(DashboardWorld.Days, stored.Select(r => r.Day));
        Assert.Equal(stored.Select(r => (r.Day, r.Snapshot.Actual)), drawn);
        Assert.Equal([68m, 75m, 82m], drawn.Select(p => p.Value));
        Assert.Equal(Points(api.GetProperty("points").EnumerateArray().Select(p => new[] { p.GetProperty("day").GetString()!, p.GetProperty("actual").GetDecimal().ToString(CultureInfo.InvariantCulture) })), drawn);

        // The pace line is the API's, to the deadline; the threshold is drawn as a line at 200.
        var pace = Points(browser.Json(SeriesData("progress-chart", "pace")));
        Assert.Equal((new DateOnly(2024, 12, 31), 200m), pace[^1]);
        Assert.Equal(api.GetProperty("pace").GetArrayLength(), pace.Count);
        Assert.Equal("200", browser.Json("echarts.getInstanceByDom(document.getElementById('progress-chart')).getOption().series.find(s => s.id === 'actual').markLine.data[0].yAxis"));
    }

    [Fact]
    public async Task When_the_units_are_drawn_should_rank_them_lagging_first_as_the_latest_history_rows_say()
    {
        using var browser = Browser.Start(1280, 800);
        browser.Open(new Uri(world.Address, TargetPage));

        var names = JsonSerializer.Deserialize<string[]>(browser.Json("echarts.getInstanceByDom(document.getElementById('units-chart')).getOption().yAxis[0].data"))!;
        var codes = JsonSerializer.Deserialize<string[]>(browser.Json("echarts.getInstanceByDom(document.getElementById('units-chart')).getOption().series[0].data.map(d => d.unitCode)"))!;
        var latest = (await world.History.GetLatestAsync(DashboardWorld.Target, CancellationToken.None)).Where(e => e.Snapshot.UnitCode is not null);
        var expected = ScopeRanking.LaggingFirst(latest, e => e.Snapshot, e => e.Snapshot.UnitCode!).Select(e => e.Snapshot.UnitCode!).ToArray();

        Assert.Equal(expected, codes);
        Assert.Equal(["RG", "ZJ"], codes[..2].Order());
        Assert.Equal("JG", codes[^1]);
        var institution = world.Worker.Services.GetRequiredService<InstitutionCatalog>().Find(WorkerEnvironment.Institution)!;
        Assert.Equal(codes.Select(c => institution.FindUnit(c)!.Name), names);
    }

    [Fact]
    public async Task When_a_units_bar_is_clicked_should_open_that_units_own_chart()
    {
        using var browser = Browser.Start(1280, 800);
        browser.Open(new Uri(world.Address, TargetPage));

        // The bar of 人工智能学院 (RG), one of the first: a real click in the middle of its SVG shape, at its place in the window.
        var at = JsonSerializer.Deserialize<double[]>(browser.Json(
            """
            (() => {
              const node = document.getElementById('units-chart');
              node.scrollIntoView({ block: 'center' });
              const c = echarts.getInstanceByDom(node);
              const data = c.getOption().series[0].data;
              const i = data.findIndex(x => x.unitCode === 'RG');
              const [x, y] = c.convertToPixel({ seriesId: 'units' }, [data[i].value / 2, i]);
              const box = node.getBoundingClientRect();
              return [box.left + x, box.top + y];
            })()
            """))!;
        Assert.Equal("\"path\"", browser.Json(string.Create(CultureInfo.InvariantCulture, $"document.elementFromPoint({at[0]}, {at[1]}).tagName")));
        new Actions(browser.Driver).MoveToLocation((int)at[0], (int)at[1]).Click().Perform();

        new WebDriverWait(browser.Driver, TimeSpan.FromSeconds(15)).Until(d => d.Url.EndsWith("?unit=RG", StringComparison.Ordinal));
        browser.WaitUntilReady();

        var stored = await world.History.GetSeriesAsync(DashboardWorld.Target, "RG", new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), CancellationToken.None);
        var drawn = Points(browser.Json(SeriesData("progress-chart", "actual")));
        Assert.Equal([1m, 1m, 2m], drawn.Select(p => p.Value));
        Assert.Equal(stored.Select(r => (r.Day, r.Snapshot.Actual)), drawn);
        Assert.Contains("人工智能学院", browser.Driver.FindElement(By.TagName("h1")).Text, StringComparison.Ordinal);
        Assert.Empty(browser.Driver.FindElements(By.Id("units-chart")));

        // The unit's own pace line ends at its own threshold (25), not the institution's.
        Assert.Equal(25m, Points(browser.Json(SeriesData("progress-chart", "pace")))[^1].Value);
        Assert.Empty(browser.ConsoleProblems());
    }

    [Theory]
    [InlineData("")]
    [InlineData(TargetPage)]
    [InlineData(TargetPage + "?unit=RG")]
    public void When_a_page_is_opened_on_a_phone_should_fit_its_width_without_sideways_scrolling(string page)
    {
        using var browser = Browser.Start(390, 844, deviceScale: 2);
        browser.Open(new Uri(world.Address, "/" + page));

        var widths = JsonSerializer.Deserialize<int[]>(browser.Json("[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"))!;
        Assert.True(widths[0] <= widths[1], $"scroll width {widths[0]} > client width {widths[1]}");
        Assert.Equal(390, widths[1]);
        Assert.Empty(browser.ConsoleProblems());
    }

    private static string SeriesData(string chart, string series) =>
        $"echarts.getInstanceByDom(document.getElementById('{chart}')).getOption().series.find(s => s.id === '{series}').data";

    private static List<(DateOnly Day, decimal Value)> Points(string json) =>
        Points(JsonSerializer.Deserialize<JsonElement[][]>(json)!.Select(p => new[] { p[0].GetString()!, p[1].GetRawText() }));

    private static List<(DateOnly Day, decimal Value)> Points(IEnumerable<string[]> points) =>
        [.. points.Select(p => (DateOnly.ParseExact(p[0], "yyyy-MM-dd", CultureInfo.InvariantCulture), decimal.Parse(p[1], CultureInfo.InvariantCulture)))];

    private async Task<JsonElement> GetAsync(string path)
    {
        using var response = await world.Http.GetAsync(new Uri(world.Address, path));
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}

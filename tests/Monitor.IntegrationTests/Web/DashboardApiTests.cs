using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Worker.Alerts;

namespace Monitor.IntegrationTests.Web;

/// <summary>The dashboard's JSON API (docs/dashboard.md) on the real worker: the documented shapes, in the wire form.</summary>
[Collection(DashboardWorld.Collection)]
public sealed class DashboardApiTests(DashboardWorld world)
{
    private static readonly string[] Judged = ["OnTrack", "AtRisk", "OffTrack"];
    private static readonly string[] Colours = ["green", "yellow", "red"];

    [Fact]
    public async Task When_the_institutions_and_targets_are_asked_for_should_answer_the_catalogs_with_each_targets_latest_figures()
    {
        var institution = Assert.Single((await GetAsync("api/institutions")).EnumerateArray());
        Assert.Equal(("tjqg", "天津轻工职院", "Asia/Shanghai", 8), (Text(institution, "id"), Text(institution, "shortName"), Text(institution, "timeZone"), institution.GetProperty("units").GetArrayLength()));
        Assert.Equal(("JX", "机械工程学院"), (Text(institution.GetProperty("units")[0], "code"), Text(institution.GetProperty("units")[0], "name")));

        var targets = (await GetAsync("api/targets")).EnumerateArray().ToList();
        Assert.Equal(["leadership-visits-2024", "unit-visits-2024", "placement-2024", "placement-disadvantaged-2024"], targets.Select(t => Text(t, "id")));
        var units = targets[1];

        // Enums by name, decimals as numbers, dates as yyyy-MM-dd: the wire form of the messages.
        Assert.Equal(("DistinctEmployersVisited", "Unit", "2024-12-31", JsonValueKind.Number), (Text(units, "metric"), Text(units, "tier"), Text(units, "deadline"), units.GetProperty("threshold").ValueKind));
        var latest = units.GetProperty("latest");
        Assert.Equal(("2024-06-17", 82m, "unit-visits-2024"), (Text(latest, "day"), latest.GetProperty("snapshot").GetProperty("actual").GetDecimal(), Text(latest.GetProperty("snapshot"), "targetId")));
        Assert.Contains(Text(latest.GetProperty("snapshot"), "status"), Judged);
        Assert.Equal(41m, latest.GetProperty("shareOfThreshold").GetDecimal());
        Assert.Contains(Text(latest, "colour"), Colours);
    }

    [Fact]
    public async Task When_a_target_is_asked_for_should_answer_the_institution_then_every_unit_ranked_with_the_silences_in_force()
    {
        var silences = world.Worker.Services.GetRequiredService<ISilenceStore>();
        var added = await silences.AddAsync(new NewSilence("tjqg", "YS", DashboardWorld.Target, world.Clock.GetUtcNow().AddDays(7), "艺术工程学院毕业展", "office"), CancellationToken.None);
        try
        {
            var detail = await GetAsync($"api/targets/{DashboardWorld.Target}");
            var scopes = detail.GetProperty("scopes").EnumerateArray().ToList();
            Assert.Equal(9, scopes.Count);
            Assert.Equal(JsonValueKind.Null, scopes[0].GetProperty("unitCode").ValueKind);
            Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], scopes.Skip(1).Select(s => s.GetProperty("rank").GetInt32()));
            Assert.Equal(["YS"], scopes.Where(s => s.GetProperty("silenced").GetBoolean()).Select(s => Text(s, "unitCode")));
            Assert.Equal(30m, scopes.Single(s => s.GetProperty("unitCode").ValueKind == JsonValueKind.String && Text(s, "unitCode") == "JG").GetProperty("threshold").GetDecimal());

            var silence = Assert.Single(detail.GetProperty("silences").EnumerateArray());
            Assert.Equal((added.Id, "艺术工程学院", "二级学院和职能部门领导走访用人单位"), (silence.GetProperty("id").GetInt64(), Text(silence, "scope"), Text(silence, "targetName")));
            Assert.Equal("艺术工程学院毕业展", Text(Assert.Single((await GetAsync("api/silences")).EnumerateArray()), "reason"));
        }
        finally
        {
            await silences.RemoveAsync(added.Id, "office", CancellationToken.None);
        }

        Assert.Empty((await GetAsync("api/silences")).EnumerateArray());
    }

    [Fact]
    public async Task When_a_series_is_asked_for_should_answer_the_rows_the_pace_line_to_the_deadline_and_the_forecast()
    {
        var series = await GetAsync($"api/targets/{DashboardWorld.Target}/series");
        Assert.Equal(["2024-06-15", "2024-06-16", "2024-06-17"], series.GetProperty("points").EnumerateArray().Select(p => Text(p, "day")));
        Assert.Equal((366, "2024-12-31", 200m), (series.GetProperty("pace").GetArrayLength(), Text(series.GetProperty("pace")[365], "day"), series.GetProperty("pace")[365].GetProperty("expected").GetDecimal()));
        var forecast = series.GetProperty("forecast");
        Assert.Equal(("2024-06-17", 82m, "2024-12-31"), (Text(forecast, "from"), forecast.GetProperty("fromActual").GetDecimal(), Text(forecast, "deadline")));
        Assert.True(forecast.GetProperty("low").GetDecimal() <= forecast.GetProperty("likely").GetDecimal() && forecast.GetProperty("likely").GetDecimal() <= forecast.GetProperty("high").GetDecimal());
        Assert.Equal(JsonValueKind.Null, series.GetProperty("measured").ValueKind);

        var unit = await GetAsync($"api/targets/{DashboardWorld.Target}/series?unit=RG&from=2024-06-16&to=2024-06-16");
        Assert.Equal(("人工智能学院", 25m, 1), (Text(unit, "scopeName"), unit.GetProperty("threshold").GetDecimal(), unit.GetProperty("points").GetArrayLength()));
    }

    [Fact]
    public async Task When_the_alerts_are_asked_for_should_answer_every_stored_alert_newest_first()
    {
        var stored = await world.Worker.Services.GetRequiredService<IAlertStore>().GetAlertsAsync(DashboardWorld.Target, CancellationToken.None);
        var alerts = (await GetAsync($"api/targets/{DashboardWorld.Target}/alerts")).EnumerateArray().ToList();

        Assert.NotEmpty(stored);
        Assert.Equal(stored.OrderByDescending(a => a.EvaluatedAt).ThenByDescending(a => a.AlertId).Select(a => a.AlertId), alerts.Select(a => a.GetProperty("alertId").GetGuid()));
        Assert.All(alerts, a => Assert.Equal((JsonValueKind.String, 0), (a.GetProperty("summary").ValueKind, a.GetProperty("deliveries").GetArrayLength())));
    }

    [Fact]
    public async Task When_something_unknown_is_asked_for_should_answer_404_with_the_reason()
    {
        foreach (var path in new[] { "api/targets/nope", "api/targets/nope/series", $"api/targets/{DashboardWorld.Target}/series?unit=XX", "api/targets/nope/alerts", "t/nope", "assets/nope.js" })
        {
            using var response = await world.Http.GetAsync(new Uri(world.Address, path));
            Assert.Equal((path, HttpStatusCode.NotFound), (path, response.StatusCode));
        }

        using var series = await world.Http.GetAsync(new Uri(world.Address, $"api/targets/{DashboardWorld.Target}/series?unit=XX"));
        Assert.Equal("no target 'unit-visits-2024' measured for unit 'XX'", Text(JsonDocument.Parse(await series.Content.ReadAsStringAsync()).RootElement, "error"));
    }

    [Fact]
    public async Task When_the_page_is_served_should_take_every_script_from_the_worker_and_let_browsers_keep_them()
    {
        var html = await world.Http.GetStringAsync(world.Address);
        Assert.Contains("<html lang=\"zh-CN\">", html, StringComparison.Ordinal);
        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "src=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, scripts.Count);
        Assert.All(scripts, s => Assert.StartsWith("/assets/", s, StringComparison.Ordinal));

        using var echarts = await world.Http.GetAsync(new Uri(world.Address, scripts[0]));
        Assert.Equal(HttpStatusCode.OK, echarts.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable", echarts.Headers.CacheControl!.ToString());
        Assert.Contains("Apache", await echarts.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string? Text(JsonElement element, string name) => element.GetProperty(name).GetString();

    private async Task<JsonElement> GetAsync(string path)
    {
        using var response = await world.Http.GetAsync(new Uri(world.Address, path));
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}

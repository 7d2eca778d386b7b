namespace Monitor.Worker.Web;

/// <summary>
/// The dashboard's routes: the pages (<c>/</c>, <c>/t/{targetId}</c>), their embedded assets (<c>/assets/…</c>) and the
/// JSON API the pages read (<c>/api/…</c>, docs/dashboard.md). Everything is read-only (GET).
/// </summary>
public static class DashboardEndpoints
{
    public static IEndpointRouteBuilder MapMonitorDashboard(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/", (DashboardPages pages) => PageResult(pages, pages.Title));
        app.MapGet("/t/{targetId}", (string targetId, DashboardPages pages, DashboardReader reader) =>
            reader.Find(targetId) is { } target ? PageResult(pages, target.Name) : Results.NotFound());
        app.MapGet("/assets/{name}", (string name, DashboardPages pages, HttpContext context) =>
        {
            if (pages.Asset(name, out var contentType) is not { } bytes)
            {
                return Results.NotFound();
            }

            context.Response.Headers.CacheControl = DashboardPages.AssetCacheControl;
            return Results.Bytes(bytes, contentType);
        });

        var api = app.MapGroup("/api");
        api.MapGet("/institutions", (DashboardReader reader) => Json(reader.Institutions()));
        api.MapGet("/targets", async (DashboardReader reader, CancellationToken ct) => Json(await reader.TargetsAsync(ct)));
        api.MapGet("/targets/{targetId}", async (string targetId, DashboardReader reader, CancellationToken ct) =>
            await reader.TargetAsync(targetId, ct) is { } detail ? Json(detail) : NotFound($"no target '{targetId}'"));
        api.MapGet("/targets/{targetId}/series", async (string targetId, string? unit, DateOnly? from, DateOnly? to, DashboardReader reader, CancellationToken ct) =>
            await reader.SeriesAsync(targetId, unit, from, to, ct) is { } series ? Json(series) : NotFound($"no target '{targetId}'{(string.IsNullOrEmpty(unit) ? string.Empty : $" measured for unit '{unit}'")}"));
        api.MapGet("/targets/{targetId}/alerts", async (string targetId, DashboardReader reader, CancellationToken ct) =>
            await reader.AlertsAsync(targetId, ct) is { } alerts ? Json(alerts) : NotFound($"no target '{targetId}'"));
        api.MapGet("/silences", async (DashboardReader reader, CancellationToken ct) => Json(await reader.SilencesAsync(ct)));
        api.MapGet("/province", async (DashboardReader reader, CancellationToken ct) => Json(await reader.ProvinceAsync(ct)));
        return app;
    }

    private static IResult PageResult(DashboardPages pages, string title) =>
        Results.Content(pages.Page(title), "text/html; charset=utf-8");

    private static IResult Json<T>(T value) => Results.Json(value, DashboardJson.Options);

    private static IResult NotFound(string error) => Results.Json(new { error }, DashboardJson.Options, statusCode: StatusCodes.Status404NotFound);
}

using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Monitor.Worker.Web;

/// <summary>The health endpoints' answer: the overall status and each check with its status, description and duration.</summary>
public static class HealthJson
{
    /// <summary>Checks with this tag decide readiness.</summary>
    public const string ReadyTag = "ready";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string ToJson(HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(
            new
            {
                status = report.Status.ToString(),
                checks = report.Entries.Select(e => new
                {
                    name = e.Key,
                    status = e.Value.Status.ToString(),
                    description = e.Value.Description ?? e.Value.Exception?.Message,
                    durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
                }),
            },
            Json);
    }

    /// <summary>A <c>ResponseWriter</c> for <c>MapHealthChecks</c>.</summary>
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(ToJson(report), context.RequestAborted);
    }
}

using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Monitor.Worker.Web;

/// <summary>
/// Who may read <c>/metrics</c>: a request from this machine, or one with <c>Authorization: Bearer &lt;token&gt;</c>
/// when a token is set (<c>Monitor:Telemetry:ScrapeToken</c>). A request forwarded by a proxy (it carries
/// X-Forwarded-For or Forwarded) is not from this machine, even though the proxy's connection is.
/// </summary>
public static class ScrapeGate
{
    /// <summary>200 to go on, 401 (a token is set but this request lacks it) or 403 (no token is set, and the request is not local).</summary>
    public static int Decide(IPAddress? remote, bool forwarded, string? authorization, string? token)
    {
        if (!forwarded && remote is not null && IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote))
        {
            return StatusCodes.Status200OK;
        }

        if (token is null)
        {
            return StatusCodes.Status403Forbidden;
        }

        const string scheme = "Bearer ";
        var sent = authorization is not null && authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? authorization[scheme.Length..].Trim() : null;
        return sent is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(token))
            ? StatusCodes.Status200OK
            : StatusCodes.Status401Unauthorized;
    }

    /// <summary>The gate as middleware in front of the scrape endpoint.</summary>
    public static Func<HttpContext, RequestDelegate, Task> Middleware(string? token) => async (context, next) =>
    {
        var request = context.Request;
        var forwarded = request.Headers.ContainsKey("X-Forwarded-For") || request.Headers.ContainsKey("Forwarded");
        var status = Decide(context.Connection.RemoteIpAddress, forwarded, request.Headers.Authorization, token);
        if (status == StatusCodes.Status200OK)
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = status;
        if (status == StatusCodes.Status401Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
        }

        await context.Response.WriteAsync(
            status == StatusCodes.Status401Unauthorized
                ? "/metrics needs Authorization: Bearer <Monitor:Telemetry:ScrapeToken> from another machine.\n"
                : "/metrics answers this machine only: set Monitor:Telemetry:ScrapeToken to let a scraper elsewhere in.\n",
            context.RequestAborted);
    };
}

using System.Net;
using Monitor.Worker.Settings;

namespace Monitor.Worker.Web;

/// <summary>
/// Applies <see cref="AccessGate"/> to every request: a valid link's grant goes into the link cookie; a refused link gets
/// 403 with a short page; pages without a login go to the login form, the API gets 401 (403 with another target's grant).
/// </summary>
public sealed partial class AccessMiddleware(RequestDelegate next, LinkSigner signer, WebOptions web, AccessText text, ILogger<AccessMiddleware> logger)
{
    /// <summary>The link cookie: the targets valid links have opened in this browser, each signed with its expiry.</summary>
    public const string LinkCookie = "monitor.link";

    /// <summary>The most grants a cookie keeps (the latest); a cookie stays far below browsers' 4 KB.</summary>
    public const int MaxGrants = 8;

    private static readonly string[] ForwardingHeaders = ["Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Forwarded-Prefix", "X-Original-For", "X-Real-IP"];

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var grants = ReadGrants(request.Cookies[LinkCookie]);
        var unit = NullIfEmpty(request.Query[LinkSigner.UnitParameter].ToString());
        var exp = NullIfEmpty(request.Query[LinkSigner.ExpiryParameter].ToString());
        var sig = NullIfEmpty(request.Query[LinkSigner.SignatureParameter].ToString());
        var decision = AccessGate.Decide(new AccessRequest(
            request.Path.Value ?? "/",
            exp,
            sig,
            target => signer.Check(target, unit, exp, sig),
            context.User.Identity?.IsAuthenticated == true,
            IsLocal(context),
            web.Users.Count > 0,
            [.. grants.Select(g => g.TargetId)]));

        var loginUrl = web.Users.Count > 0 ? $"{request.PathBase}/login?returnUrl={Uri.EscapeDataString(request.Path + request.QueryString)}" : null;

        // Back to the page itself, without the link that was refused.
        var pageLoginUrl = web.Users.Count > 0 ? $"{request.PathBase}/login?returnUrl={Uri.EscapeDataString(request.Path)}" : null;
        var address = ClientAddress(context);
        switch (decision.Outcome)
        {
            case AccessOutcome.Allow:
                await next(context);
                return;
            case AccessOutcome.Grant:
                WriteGrants(context, [new LinkGrant(decision.Target!, decision.Expires), .. grants.Where(g => g.TargetId != decision.Target)]);
                await next(context);
                return;
            case AccessOutcome.LinkExpired:
                LogLinkRefused(logger, "expired", request.Path.Value, address);
                await RefuseAsync(context, text.LinkExpired(pageLoginUrl));
                return;
            case AccessOutcome.LinkInvalid:
                LogLinkRefused(logger, "not valid", request.Path.Value, address);
                await RefuseAsync(context, text.LinkInvalid(pageLoginUrl));
                return;
            case AccessOutcome.NoUsers:
                await RefuseAsync(context, text.NoUsers());
                return;
            case AccessOutcome.Unauthorized:
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await context.Response.WriteAsJsonAsync(new { error = "log in first (/login), or open a signed link" }, context.RequestAborted);
                return;
            case AccessOutcome.Forbidden:
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.Response.WriteAsJsonAsync(new { error = "the link this browser opened does not cover this" }, context.RequestAborted);
                return;
            default:
                context.Response.Redirect(loginUrl!);
                return;
        }
    }

    /// <summary>From this machine and not through a proxy: a loopback peer, and no forwarding header (a proxy on this machine sends one).</summary>
    public static bool IsLocal(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address) && !ForwardingHeaders.Any(context.Request.Headers.ContainsKey);
    }

    /// <summary>The client's address for logs and throttling (the forwarded one when a proxy on this machine sent it).</summary>
    public static string ClientAddress(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }

    private List<LinkGrant> ReadGrants(string? cookie) =>
        string.IsNullOrEmpty(cookie) ? [] : [.. cookie.Split('~').Select(signer.ReadGrant).OfType<LinkGrant>()];

    private void WriteGrants(HttpContext context, IReadOnlyList<LinkGrant> grants)
    {
        var kept = grants.Take(MaxGrants).ToList();
        var longest = kept.Max(g => g.Expires) - signer.Now;
        context.Response.Cookies.Append(LinkCookie, string.Join('~', kept.Select(g => signer.Grant(g.TargetId, g.Expires))), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            Path = "/",

            // Max-Age, not Expires: it is relative, so a browser whose clock differs from the worker's keeps the cookie as long.
            MaxAge = longest > TimeSpan.Zero ? longest : TimeSpan.Zero,
            IsEssential = true,
        });
    }

    private static async Task RefuseAsync(HttpContext context, string page)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(page, context.RequestAborted);
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    [LoggerMessage(Level = LogLevel.Information, Message = "Link refused ({Reason}): {Path} from {Address}")]
    private static partial void LogLinkRefused(ILogger logger, string reason, string? path, string address);
}

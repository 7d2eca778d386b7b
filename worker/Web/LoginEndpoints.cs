using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Monitor.Worker.Settings;

namespace Monitor.Worker.Web;

/// <summary>
/// <c>GET /login</c> (the form), <c>POST /login</c> (checks the name and password against <c>Monitor:Web:Users</c> with
/// Identity's password hasher, then sets the login cookie), <c>GET|POST /logout</c>. Attempts are throttled per client
/// address (<see cref="RateLimitPolicy"/>); every failure is logged with the name and the address, never the password.
/// </summary>
public static partial class LoginEndpoints
{
    public const string RateLimitPolicy = "login";

    /// <summary>Attempts a client address may make per minute before it is answered 429.</summary>
    public const int AttemptsPerMinute = 5;

    private static readonly PasswordHasher<WebUser> Hasher = new();

    // Checked when the name is unknown, so an unknown name takes as long as a wrong password.
    private static readonly string DecoyHash = Hasher.HashPassword(new WebUser(), Guid.NewGuid().ToString());

    public static IEndpointRouteBuilder MapMonitorLogin(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/login", (HttpContext context, WebOptions web, AccessText text) =>
            Html(text.Login(ReturnUrl(context.Request.Query["returnUrl"]), null, web.Users.Count > 0), web.Users.Count > 0 ? StatusCodes.Status200OK : StatusCodes.Status403Forbidden));
        endpoints.MapPost("/login", LogInAsync).RequireRateLimiting(RateLimitPolicy);
        endpoints.MapMethods("/logout", [HttpMethods.Get, HttpMethods.Post], async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect($"{context.Request.PathBase}/login");
        });
        return endpoints;
    }

    /// <summary>Whether <paramref name="password"/> is <paramref name="user"/>'s; the same work whether or not the user exists.</summary>
    public static bool Verify(WebUser? user, string password)
    {
        var result = Hasher.VerifyHashedPassword(user ?? new WebUser(), user?.PasswordHash ?? DecoyHash, password);
        return user is not null && result is PasswordVerificationResult.Success or PasswordVerificationResult.SuccessRehashNeeded;
    }

    /// <summary>A hash of <paramref name="password"/> for <c>Monitor:Web:Users:N:PasswordHash</c>.</summary>
    public static string Hash(string password) => Hasher.HashPassword(new WebUser(), password);

    private static async Task<IResult> LogInAsync(HttpContext context, WebOptions web, AccessText text, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(LoginEndpoints).FullName!);
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : FormCollection.Empty;
        var name = form["name"].ToString().Trim();
        var password = form["password"].ToString();
        var returnUrl = ReturnUrl(form["returnUrl"]);
        var address = AccessMiddleware.ClientAddress(context);
        var user = web.Users.FirstOrDefault(u => string.Equals(u.Name.Trim(), name, StringComparison.OrdinalIgnoreCase));
        if (!Verify(user, password))
        {
            LogFailed(logger, name, address);
            return Html(text.Login(returnUrl, text.WrongPassword, web.Users.Count > 0), StatusCodes.Status401Unauthorized);
        }

        var account = user!.Name.Trim();
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, account)], CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        LogLoggedIn(logger, account, address);
        return Results.Redirect(context.Request.PathBase + returnUrl);
    }

    /// <summary>Where to go after logging in: a path on this site only (never another site's address), the overview otherwise.</summary>
    public static string ReturnUrl(string? value) =>
        value is { Length: > 0 } && value[0] == '/' && !value.StartsWith("//", StringComparison.Ordinal) && !value.StartsWith("/\\", StringComparison.Ordinal) ? value : "/";

    private static IResult Html(string page, int status) => Results.Content(page, "text/html; charset=utf-8", statusCode: status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Login failed for {Name} from {Address}")]
    private static partial void LogFailed(ILogger logger, string name, string address);

    [LoggerMessage(Level = LogLevel.Information, Message = "Logged in: {Name} from {Address}")]
    private static partial void LogLoggedIn(ILogger logger, string name, string address);
}

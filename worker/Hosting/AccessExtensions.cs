using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using Monitor.Worker.Delivery;
using Monitor.Worker.Settings;
using Monitor.Worker.Web;
using Npgsql;

namespace Monitor.Worker.Hosting;

public static partial class AccessExtensions
{
    /// <summary>
    /// Who may see the pages: the signing key (<c>Monitor:Web:SigningKey</c>, else kept in PostgreSQL, else random per
    /// process), signed links and the robots' link maker (when <c>PublicUrl</c> is set), the login cookie (signed with
    /// the same key, so any replica accepts it) and the login's throttle.
    /// </summary>
    public static WebApplicationBuilder AddMonitorAccess(this WebApplicationBuilder builder, WebOptions web)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(web);
        var services = builder.Services;
        services.AddSingleton(sp => web.SigningKeyBytes is { } bytes ? new SigningKey(bytes)
            : sp.GetRequiredService<IOptions<MonitorOptions>>().Value.Storage == StorageKind.Postgres
                ? new SigningKey(() => PostgresSigningKeys.LoadOrCreate(sp.GetRequiredService<NpgsqlDataSource>()))
                : SigningKey.Random());
        services.AddHostedService<SigningKeyStartup>();
        services.AddSingleton<LinkSigner>();
        services.AddSingleton(sp => new AccessText(sp.GetRequiredService<IOptions<MonitorOptions>>().Value.Language));
        if (web.PublicBase is { } publicBase)
        {
            services.AddSingleton<ITargetLinks>(sp => new SignedTargetLinks(publicBase, web.LinkLifetime, sp.GetRequiredService<LinkSigner>()));
        }

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.Cookie.Name = "monitor.login";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.Path = "/";
            o.ExpireTimeSpan = web.LoginLifetime;
            o.SlidingExpiration = true;
            o.LoginPath = "/login";
            o.LogoutPath = "/logout";
        });

        // Authentication brings Data Protection, whose key ring would be made on disk (with a warning that it is not
        // encrypted) although nothing here uses it: the login cookie is signed with the signing key instead. Kept in
        // memory, and not loaded at start-up.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        foreach (var keyRingStartup in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.FullName == "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService").ToList())
        {
            services.Remove(keyRingStartup);
        }
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<SigningKey>((o, key) => o.TicketDataFormat = new SignedTicketFormat(key));

        services.AddRateLimiter(o =>
        {
            o.AddPolicy(LoginEndpoints.RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                AccessMiddleware.ClientAddress(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = LoginEndpoints.AttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.OnRejected = async (rejected, cancellationToken) =>
            {
                var context = rejected.HttpContext;
                LogThrottled(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LoginEndpoints).FullName!), AccessMiddleware.ClientAddress(context));
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.ContentType = "text/html; charset=utf-8";
                var text = context.RequestServices.GetRequiredService<AccessText>();
                await context.Response.WriteAsync(text.Login("/", text.TooManyAttempts, usersConfigured: true), cancellationToken);
            };
        });

        // A proxy on this machine (the defaults trust loopback only) tells the client's address, the scheme (https makes
        // the cookies Secure) and the path prefix it serves the pages under.
        services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedPrefix);
        return builder;
    }

    /// <summary>The gate in front of every route, and the login's own routes.</summary>
    public static WebApplication UseMonitorAccess(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseForwardedHeaders();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseMiddleware<AccessMiddleware>();
        app.MapMonitorLogin();
        return app;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Login attempts from {Address} throttled")]
    private static partial void LogThrottled(ILogger logger, string address);
}

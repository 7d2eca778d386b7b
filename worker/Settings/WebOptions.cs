using System.ComponentModel.DataAnnotations;

namespace Monitor.Worker.Settings;

/// <summary>
/// The worker's web server (section "Monitor:Web"): health, the pages and APIs it serves, and who may see them (signed
/// links from the robots, accounts that log in). Bound to this machine only by default; a container or a reverse proxy
/// sets another address.
/// </summary>
public sealed class WebOptions
{
    public const string SectionName = MonitorOptions.SectionName + ":Web";

    /// <summary>The shortest signing key taken: as long as the HMAC-SHA256 output.</summary>
    public const int MinimumKeyBytes = 32;

    /// <summary>
    /// The addresses to listen on, separated by ';', e.g. http://127.0.0.1:5080 (this machine only, the default) or
    /// http://+:8080 (every address). Port 0 takes a free port.
    /// </summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Monitor:Web:Urls must name at least one address, such as http://127.0.0.1:5080.")]
    public string Urls { get; set; } = "http://127.0.0.1:5080";

    /// <summary>
    /// The address leaders' phones reach the pages at, e.g. https://jy.example.edu.cn/monitor (a reverse proxy in front
    /// of <see cref="Urls"/>). Empty: robot posts carry no link.
    /// </summary>
    public string PublicUrl { get; set; } = "";

    /// <summary>
    /// The key that signs links and login cookies: at least 32 bytes, base64. Empty: with Storage=Postgres one is made
    /// once and kept in the database (every replica and restart shares it); in memory, a new one each start.
    /// </summary>
    public string SigningKey { get; set; } = "";

    /// <summary>How long a link in a robot post opens its page (two weeks, so the weekly digest's links last until the next but one).</summary>
    [Range(typeof(TimeSpan), "00:05:00", "366.00:00:00", ErrorMessage = "Monitor:Web:LinkLifetime must be between 00:05:00 and 366.00:00:00 (e.g. 14.00:00:00 for two weeks).")]
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How long a login lasts without a visit (each visit renews it).</summary>
    [Range(typeof(TimeSpan), "00:05:00", "30.00:00:00", ErrorMessage = "Monitor:Web:LoginLifetime must be between 00:05:00 and 30.00:00:00 (e.g. 12:00:00).")]
    public TimeSpan LoginLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>The accounts that may log in (<c>Monitor:Web:Users:N:Name</c>, <c>:PasswordHash</c>). None: only this machine gets in.</summary>
    public List<WebUser> Users { get; set; } = [];

    /// <summary><see cref="SigningKey"/> decoded, or null when none is set (or it is not base64, which <see cref="Read"/> refuses).</summary>
    public byte[]? SigningKeyBytes
    {
        get
        {
            var buffer = new byte[SigningKey.Length];
            return !string.IsNullOrWhiteSpace(SigningKey) && Convert.TryFromBase64String(SigningKey.Trim(), buffer, out var length) ? buffer[..length] : null;
        }
    }

    /// <summary><see cref="PublicUrl"/> without a trailing '/', or null when none is set (or it is not an address, which <see cref="Read"/> refuses).</summary>
    public Uri? PublicBase => !string.IsNullOrWhiteSpace(PublicUrl) && Uri.TryCreate(PublicUrl.Trim().TrimEnd('/'), UriKind.Absolute, out var url) ? url : null;

    /// <summary>Each address of <see cref="Urls"/>.</summary>
    public IReadOnlyList<string> Addresses => Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Binds and validates the section now; a wrong setting is a <see cref="ConfigurationException"/> that names the key.</summary>
    public static WebOptions Read(IConfiguration configuration)
    {
        var options = SettingsSection.Read<WebOptions>(
            configuration,
            SectionName,
            ex => $"The {SectionName} settings cannot be read: {ex.Message} (LinkLifetime, LoginLifetime: durations such as 14.00:00:00)");

        foreach (var address in options.Addresses)
        {
            // '+' and '*' (every address) are Kestrel's wildcards, not valid host names for Uri.
            var parsable = address.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal);
            if (!Uri.TryCreate(parsable, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.AbsolutePath != "/")
            {
                throw new ConfigurationException(
                    $"{SectionName}:Urls has '{address}', which is not an address to listen on: use http://host:port, such as http://127.0.0.1:5080 (this machine only) or http://+:8080 (every address), separated by ';'.");
            }
        }

        CheckAccess(options);
        return options;
    }

    private static void CheckAccess(WebOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.PublicUrl)
            && (!Uri.TryCreate(options.PublicUrl.Trim(), UriKind.Absolute, out var publicUrl) || publicUrl.Scheme is not ("http" or "https") || publicUrl.Query.Length > 0 || publicUrl.Fragment.Length > 0))
        {
            throw new ConfigurationException(
                $"{SectionName}:PublicUrl has '{options.PublicUrl}', which is not a web address: use the address leaders' phones reach the pages at, such as https://jy.example.edu.cn/monitor, or leave it empty for posts without a link.");
        }

        if (!string.IsNullOrWhiteSpace(options.SigningKey))
        {
            var bytes = new byte[options.SigningKey.Length];
            if (!Convert.TryFromBase64String(options.SigningKey.Trim(), bytes, out var length) || length < MinimumKeyBytes)
            {
                throw new ConfigurationException(
                    $"{SectionName}:SigningKey must be at least {MinimumKeyBytes} bytes in base64 (e.g. the output of `openssl rand -base64 32`), or empty to keep one in the database.");
            }
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Users.Count; i++)
        {
            var user = options.Users[i];
            var key = $"{SectionName}:Users:{i}";
            if (string.IsNullOrWhiteSpace(user.Name))
            {
                throw new ConfigurationException($"{key}:Name is empty: give each account a name to log in with.");
            }

            if (!names.Add(user.Name.Trim()))
            {
                throw new ConfigurationException($"{key}:Name '{user.Name}' is given twice: each account needs a name of its own.");
            }

            if (!WebUser.IsHash(user.PasswordHash))
            {
                throw new ConfigurationException(
                    $"{key}:PasswordHash of '{user.Name}' is not a password hash: make one with `Monitor.Worker web-password` (it reads the password from its input) and set that line.");
            }
        }
    }
}

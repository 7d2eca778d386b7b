using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Monitor.Worker.Settings;

/// <summary>
/// The worker's web server (section "Monitor:Web"): health, and what later pages and APIs it serves. Bound to this
/// machine only by default; a container or a reverse proxy sets another address.
/// </summary>
public sealed class WebOptions
{
    public const string SectionName = MonitorOptions.SectionName + ":Web";

    /// <summary>
    /// The addresses to listen on, separated by ';', e.g. http://127.0.0.1:5080 (this machine only, the default) or
    /// http://+:8080 (every address). Port 0 takes a free port.
    /// </summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Monitor:Web:Urls must name at least one address, such as http://127.0.0.1:5080.")]
    public string Urls { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Each address of <see cref="Urls"/>.</summary>
    public IReadOnlyList<string> Addresses => Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Binds and validates the section now; a wrong setting is a <see cref="ConfigurationException"/> that names the key.</summary>
    public static WebOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new WebOptions();
        configuration.GetSection(SectionName).Bind(options);
        var validation = new DataAnnotationValidateOptions<WebOptions>(null).Validate(null, options);
        if (validation.Failed)
        {
            throw new ConfigurationException(validation.FailureMessage);
        }

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

        return options;
    }
}

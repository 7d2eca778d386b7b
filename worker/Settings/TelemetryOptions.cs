using System.ComponentModel.DataAnnotations;

namespace Monitor.Worker.Settings;

/// <summary>
/// Metrics and traces (section "Monitor:Telemetry"): the Prometheus endpoint <c>/metrics</c>, its gauges per target and
/// scope, and OTLP export to a collector. Without settings the endpoint answers this machine only and nothing is exported.
/// </summary>
public sealed class TelemetryOptions
{
    public const string SectionName = MonitorOptions.SectionName + ":Telemetry";

    /// <summary>Gauges for every unit's scope as well as the institution's; false keeps the institution's only (a province's or the nation's worker).</summary>
    public bool UnitGauges { get; set; } = true;

    /// <summary>How often the gauges' figures and the backlogs are read again (each evaluation of this replica also reads them).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Monitor:Telemetry:RefreshEvery must be between 00:00:01 and 01:00:00.")]
    public TimeSpan RefreshEvery { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The bearer token a scraper on another machine sends (<c>Authorization: Bearer …</c>); without it <c>/metrics</c>
    /// answers loopback requests only.
    /// </summary>
    [MinLength(16, ErrorMessage = "Monitor:Telemetry:ScrapeToken must be at least 16 characters long (a random string, such as the output of `openssl rand -hex 24`), or left out to serve /metrics to this machine only.")]
    public string? ScrapeToken { get; set; }

    /// <summary>The OpenTelemetry collector traces and metrics are exported to, e.g. http://127.0.0.1:4317 (gRPC) or http://127.0.0.1:4318 (HTTP); none by default.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>How they are sent to <see cref="OtlpEndpoint"/>: Grpc (the default) or Http (protobuf over HTTP, to /v1/traces and /v1/metrics).</summary>
    public OtlpProtocol OtlpProtocol { get; set; } = OtlpProtocol.Grpc;

    /// <summary>The collector's address, or null when nothing is exported.</summary>
    public Uri? OtlpAddress => string.IsNullOrWhiteSpace(OtlpEndpoint) ? null : new Uri(OtlpEndpoint, UriKind.Absolute);

    /// <summary>Binds and validates the section now; a wrong setting is a <see cref="ConfigurationException"/> that names the key.</summary>
    public static TelemetryOptions Read(IConfiguration configuration)
    {
        var options = SettingsSection.Read<TelemetryOptions>(
            configuration,
            SectionName,
            ex => $"The {SectionName} settings cannot be read ({ex.GetBaseException().Message}): UnitGauges is true or false, RefreshEvery a time such as 00:00:30, OtlpProtocol Grpc or Http.",

            // An empty value (an environment variable set to nothing) means no token, as leaving it out does.
            bound => bound.ScrapeToken = string.IsNullOrWhiteSpace(bound.ScrapeToken) ? null : bound.ScrapeToken);

        if (options.ScrapeToken is { } token && token.Any(char.IsWhiteSpace))
        {
            throw new ConfigurationException($"{SectionName}:ScrapeToken must not contain spaces: a scraper sends it as one word after 'Bearer'.");
        }

        if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint)
            && (!Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            throw new ConfigurationException(
                $"{SectionName}:OtlpEndpoint has '{options.OtlpEndpoint}', which is not a collector's address: use http://host:port, such as http://127.0.0.1:4317 (gRPC) or http://127.0.0.1:4318 (with OtlpProtocol Http), or leave it out to export nothing.");
        }

        return options;
    }
}

/// <summary>How traces and metrics are sent to an OpenTelemetry collector.</summary>
public enum OtlpProtocol
{
    /// <summary>OTLP over gRPC (port 4317 by convention).</summary>
    Grpc,

    /// <summary>OTLP as protobuf over HTTP (port 4318 by convention).</summary>
    Http,
}

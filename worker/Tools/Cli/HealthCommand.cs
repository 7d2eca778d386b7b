using System.ComponentModel;
using Monitor.Worker.Settings;
using Spectre.Console;
using Spectre.Console.Cli;
using Monitor.Worker.Tools.Common;

namespace Monitor.Worker.Tools.Cli;

/// <summary>
/// <c>health</c>: asks a worker running on this machine whether it is ready (or, with <c>--live</c>, alive) through its
/// health endpoint, for container healthchecks that have no HTTP client. Exit 0 when the answer is 200, 1 otherwise.
/// </summary>
[Description("Ask the worker running here whether it is ready (GET <Monitor:Web:Urls>/health/ready); exit 0 when it answers 200.")]
public sealed class HealthCommand(HostArguments arguments, IAnsiConsole console) : AsyncCommand<HealthCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--live")]
        [Description("Ask whether the process answers (health/live) instead of whether it is ready.")]
        public bool Live { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var address = WebOptions.Read(CommandHost.CreateBuilder(arguments).Configuration).Addresses[0];

        // An address that listens on every address (http://+:8080) is asked on this machine's loopback.
        var local = address.Replace("://+:", "://127.0.0.1:", StringComparison.Ordinal).Replace("://*:", "://127.0.0.1:", StringComparison.Ordinal).Replace("://0.0.0.0:", "://127.0.0.1:", StringComparison.Ordinal);
        var url = new Uri(new Uri(local.TrimEnd('/') + "/"), settings.Live ? "health/live" : "health/ready");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(url, cancellationToken);
            // Plain, never wrapped or marked up: a healthcheck log (or a script) reads the JSON as it came.
            console.Profile.Out.Writer.WriteLine($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
            return response.IsSuccessStatusCode ? ExitCodes.Ok : ExitCodes.InputRejected;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            console.Profile.Out.Writer.WriteLine($"{url}: no answer ({ex.Message})");
            return ExitCodes.InputRejected;
        }
    }
}

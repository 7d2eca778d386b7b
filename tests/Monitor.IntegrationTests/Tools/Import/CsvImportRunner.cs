using System.Globalization;
using Monitor.IntegrationTests.Infrastructure;
using Monitor.Worker.Tools.Cli;
using Spectre.Console.Testing;

namespace Monitor.IntegrationTests.Tools.Import;

/// <summary>Runs <c>import …</c> through the executable's entry point against a test virtual host, capturing what it prints.</summary>
public static class CsvImportRunner
{
    public static async Task<(int Exit, IReadOnlyList<string> Output)> RunAsync(TestVirtualHost virtualHost, params string[] command)
    {
        ArgumentNullException.ThrowIfNull(virtualHost);
        using var console = new TestConsole();
        string[] settings =
        [
            "--Monitor:Transport=RabbitMq",
            $"--RabbitMqTransport:Host={TestSettings.RabbitMqHost}",
            $"--RabbitMqTransport:Port={TestSettings.RabbitMqPort.ToString(CultureInfo.InvariantCulture)}",
            $"--RabbitMqTransport:VHost={virtualHost.Name}",
            $"--RabbitMqTransport:User={TestSettings.RabbitMqUser}",
            $"--RabbitMqTransport:Pass={TestSettings.RabbitMqPass}",
        ];
        if (!command.Any(c => c.StartsWith("--Monitor:Language", StringComparison.Ordinal)))
        {
            // The specs written in English read the English messages; Chinese, the default, is asked for explicitly.
            settings = [.. settings, "--Monitor:Language=en"];
        }

        var exit = await CliApp.RunAsync([.. command, .. settings], console);
        return (exit, console.Lines);
    }

    /// <summary>Writes <paramref name="csv"/> to a temporary file (UTF-8, as Excel's "CSV UTF-8" with its byte order mark).</summary>
    public static string WriteCsv(string csv)
    {
        var path = Path.Combine(Path.GetTempPath(), $"monitor-import-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, csv, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        return path;
    }
}

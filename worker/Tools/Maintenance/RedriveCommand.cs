using System.ComponentModel;
using Monitor.Worker.Tools.Common;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Monitor.Worker.Tools.Maintenance;

/// <summary>
/// <c>redrive</c>: moves the messages of the inbound error queues (and, with <c>--skipped</c>, the skipped queues) back
/// to the queues they came from, so the worker reads them again — those parked by a failure (an older version's retries
/// running out during an outage, an unexpected fault). Messages refused for their content (an EventRejected said why)
/// stay unless <c>--all</c> is given, after the cause was fixed on Monitor's side (say, a unit added to the institutions
/// file). Each message is published back with a publisher confirm before it is taken off the error queue, so none is
/// lost if the command is stopped; at most the messages there when it started are looked at. The worker stores each
/// event once, so moving a message that was already stored changes nothing: running it again is safe.
/// </summary>
[Description("Move the messages of the inbound error queues back to their queues, to be read again.")]
public sealed class RedriveCommand(HostArguments arguments, IAnsiConsole console) : AsyncCommand<RedriveCommand.Settings>
{
    private static readonly string[] FaultHeaderPrefixes = ["MT-Fault-", "MT-Reason", "MT-Host-"];
    private static readonly string[] RefusalTypes = [nameof(Inbound.InvalidEventException), nameof(Inbound.UnreadableEventException)];

    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "[QUEUE]")]
        [Description("Only this inbound queue (e.g. monitor-enterprise-visit-recorded); default: every inbound queue.")]
        public string[] Queues { get; init; } = [];

        [CommandOption("--skipped")]
        [Description("Also move the messages of the _skipped queues (messages no consumer took).")]
        public bool Skipped { get; init; }

        [CommandOption("--all")]
        [Description("Also move messages refused for their content (they are refused again unless their cause was fixed).")]
        public bool All { get; init; }

        [CommandOption("--dry-run")]
        [Description("Only say how many messages would be moved.")]
        public bool DryRun { get; init; }

        public override ValidationResult Validate() =>
            Queues.FirstOrDefault(q => !BrokerQueues.Inbound.Contains(q)) is { } unknown
                ? ValidationResult.Error($"'{unknown}' is not an inbound queue ({string.Join(", ", BrokerQueues.Inbound)}).")
                : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var configuration = CommandHost.CreateBuilder(arguments).Configuration;
        var language = ToolLanguage.From(configuration);
        var factory = BrokerQueues.Connection(configuration);
        IConnection connection;
        try
        {
            connection = await factory.CreateConnectionAsync("monitor-redrive", cancellationToken);
        }
        catch (BrokerUnreachableException ex)
        {
            console.MarkupLineInterpolated($"[red]RabbitMQ at {factory.HostName}:{factory.Port} (virtual host '{factory.VirtualHost}', user '{factory.UserName}'): {ex.InnerException?.Message ?? ex.Message}[/]");
            return ExitCodes.CannotStart;
        }

        await using (connection)
        {
            var total = 0L;
            foreach (var queue in settings.Queues.Length > 0 ? settings.Queues : BrokerQueues.Inbound)
            {
                foreach (var parked in settings.Skipped ? new[] { queue + "_error", queue + "_skipped" } : [queue + "_error"])
                {
                    var (moved, refused) = await MoveAsync(connection, parked, queue, settings.All, settings.DryRun, cancellationToken);
                    total += moved;
                    if (moved > 0 || refused > 0 || settings.Queues.Length > 0)
                    {
                        var left = refused > 0
                            ? language.Pick($"，{refused} 条因内容被拒的留在原处（--all 一并移回）", $", {refused} refused for their content left (--all moves them too)")
                            : string.Empty;
                        Line(language.Pick(
                            $"{parked} -> {queue}：{(settings.DryRun ? "将移回" : "已移回")} {moved} 条{left}",
                            $"{parked} -> {queue}: {moved} {(settings.DryRun ? "would be moved" : "moved")}{left}"));
                    }
                }
            }

            Line(settings.DryRun
                ? language.Pick($"共将移回 {total} 条消息。", $"{total} message(s) would be moved.")
                : language.Pick($"共移回 {total} 条消息。", $"{total} message(s) moved."));
            return ExitCodes.Ok;
        }
    }

    /// <summary>One line, unwrapped whatever the console's width, so it can be read by a script.</summary>
    private void Line(string text) => console.Profile.Out.Writer.WriteLine(text);

    private static async Task<(long Moved, long Refused)> MoveAsync(IConnection connection, string from, string to, bool all, bool dryRun, CancellationToken cancellationToken)
    {
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        uint waiting;
        try
        {
            waiting = (await channel.QueueDeclarePassiveAsync(from, cancellationToken)).MessageCount;
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
        {
            return (0, 0);
        }

        long moved = 0, refused = 0;
        for (var i = 0; i < waiting; i++)
        {
            if (await channel.BasicGetAsync(from, autoAck: false, cancellationToken) is not { } message)
            {
                break;
            }

            // Left unacknowledged until the channel closes, which returns it to the error queue in its place.
            if (!all && IsRefusal(message.BasicProperties.Headers))
            {
                refused++;
                continue;
            }

            moved++;
            if (dryRun)
            {
                continue;
            }

            var properties = new BasicProperties(message.BasicProperties)
            {
                Headers = message.BasicProperties.Headers?
                    .Where(h => !FaultHeaderPrefixes.Any(p => h.Key.StartsWith(p, StringComparison.Ordinal)))
                    .ToDictionary(h => h.Key, h => h.Value),
                Persistent = true,
            };

            // Through the default exchange straight to the queue: confirmed before the original is acknowledged.
            await channel.BasicPublishAsync(string.Empty, to, mandatory: true, properties, message.Body, cancellationToken);
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
        }

        return (moved, refused);
    }

    /// <summary>Whether the worker refused the message for its content (MassTransit's fault header names the exception).</summary>
    private static bool IsRefusal(IDictionary<string, object?>? headers) =>
        headers?.TryGetValue("MT-Fault-ExceptionType", out var type) == true
        && type is byte[] bytes
        && RefusalTypes.Any(t => System.Text.Encoding.UTF8.GetString(bytes).EndsWith(t, StringComparison.Ordinal));
}

using System.ComponentModel;
using Monitor.Worker.Tools.Common;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Monitor.Worker.Tools.Maintenance;

/// <summary>
/// <c>redrive</c>: moves the messages of the inbound error queues (and, with <c>--skipped</c>, the skipped queues) back
/// to the queues they came from, so the worker reads them again — after an outage, a fixed configuration, a corrected
/// institutions file. Each message is published back with a publisher confirm before it is taken off the error queue,
/// so none is lost if the command is stopped; at most the messages there when it started are moved, so one refused
/// again (and moved back to the error queue by the worker meanwhile) is not moved twice in one run. The worker stores
/// each event once, so moving a message that was already stored changes nothing: running it again is safe.
/// </summary>
[Description("Move the messages of the inbound error queues back to their queues, to be read again.")]
public sealed class RedriveCommand(HostArguments arguments, IAnsiConsole console) : AsyncCommand<RedriveCommand.Settings>
{
    private static readonly string[] FaultHeaderPrefixes = ["MT-Fault-", "MT-Reason", "MT-Host-"];

    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "[QUEUE]")]
        [Description("Only this inbound queue (e.g. monitor-enterprise-visit-recorded); default: every inbound queue.")]
        public string[] Queues { get; init; } = [];

        [CommandOption("--skipped")]
        [Description("Also move the messages of the _skipped queues (messages no consumer took).")]
        public bool Skipped { get; init; }

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
                    var moved = await MoveAsync(connection, parked, queue, settings.DryRun, cancellationToken);
                    total += moved;
                    if (moved > 0 || settings.Queues.Length > 0)
                    {
                        console.WriteLine($"{parked} -> {queue}: {moved} {(settings.DryRun ? "would be moved" : "moved")}");
                    }
                }
            }

            console.WriteLine(settings.DryRun ? $"{total} message(s) would be moved." : $"{total} message(s) moved.");
            return ExitCodes.Ok;
        }
    }

    private static async Task<long> MoveAsync(IConnection connection, string from, string to, bool dryRun, CancellationToken cancellationToken)
    {
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        uint waiting;
        try
        {
            waiting = (await channel.QueueDeclarePassiveAsync(from, cancellationToken)).MessageCount;
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
        {
            return 0;
        }

        if (dryRun)
        {
            return waiting;
        }

        var moved = 0L;
        for (var i = 0; i < waiting; i++)
        {
            if (await channel.BasicGetAsync(from, autoAck: false, cancellationToken) is not { } message)
            {
                break;
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
            moved++;
        }

        return moved;
    }
}

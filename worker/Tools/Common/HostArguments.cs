namespace Monitor.Worker.Tools.Common;

/// <summary>
/// Splits the command line into configuration overrides (<c>--Monitor:Transport=RabbitMq</c>,
/// <c>--ConnectionStrings:Monitor "Host=…"</c>: any option whose name holds a colon) and the rest, which the
/// command-line parser reads. Every command builds its host from the overrides, so settings work the same way for
/// <c>run</c>, <c>import</c>, <c>status</c> and <c>replay</c>.
/// </summary>
public sealed record HostArguments(IReadOnlyList<string> Configuration, IReadOnlyList<string> Command)
{
    public static HostArguments Split(IReadOnlyList<string> args)
    {
        var configuration = new List<string>();
        var command = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf(':', StringComparison.Ordinal) is var colon && colon > 2)
            {
                var equals = arg.IndexOf('=', StringComparison.Ordinal);
                if (equals < 0 || colon < equals)
                {
                    configuration.Add(arg);
                    if (equals < 0 && i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    {
                        configuration.Add(args[++i]);
                    }

                    continue;
                }
            }

            command.Add(arg);
        }

        return new HostArguments(configuration, command);
    }
}

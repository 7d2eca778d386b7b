using System.Globalization;

namespace Monitor.Benchmarks.Scale;

/// <summary>The command line of <c>scale</c>; every option has a default that suits this project's machine.</summary>
public sealed class ScaleOptions
{
    public const string Usage = """
        dotnet run -c Release --project tests/Monitor.Benchmarks -- scale [options]

          --size province|nation   province: 100 institutions; nation: 3,000, measured at 10 %, 50 % and 100 % of its
                                   data, after the province (default: province)
          --ingest N               events per ingest measurement (default: 100000)
          --only a,b,...           some of: ingest, startup, evaluation (default: all)
          --year YYYY              the data's year (default: this year once November is over, else last year)
          --postgres CS            a PostgreSQL server whose role may CREATE DATABASE; the worker gets the same settings
                                   (default: Host=127.0.0.1;Port=5432;Username=monitor;Password=monitor;Database=postgres;SSL Mode=Disable)
          --rabbitmq HOST:PORT     (default: 127.0.0.1:5672), --rabbitmq-user, --rabbitmq-pass (monitor), --management URL
          --worker KEY=VALUE       a setting for the worker (repeatable), e.g. --worker Monitor:Ingest:BatchSize=200
          --keep                   keep the databases (monitor_scale_*) afterwards
        """;

    public string Size { get; private set; } = "province";

    public int IngestEvents { get; private set; } = 100_000;

    public HashSet<string> Parts { get; } = new(StringComparer.Ordinal) { "ingest", "startup", "evaluation" };

    public int Year { get; private set; } = DefaultYear(DateTime.UtcNow);

    public string Postgres { get; private set; } = "Host=127.0.0.1;Port=5432;Username=monitor;Password=monitor;Database=postgres;SSL Mode=Disable";

    public string RabbitMqHost { get; private set; } = "127.0.0.1";

    public int RabbitMqPort { get; private set; } = 5672;

    public string RabbitMqUser { get; private set; } = "monitor";

    public string RabbitMqPass { get; private set; } = "monitor";

    public Uri RabbitMqManagement { get; private set; } = new("http://127.0.0.1:15672/");

    public Dictionary<string, string> WorkerSettings { get; } = new(StringComparer.Ordinal);

    public bool Keep { get; private set; }

    public bool Nation => Size == "nation";

    public static ScaleOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new ScaleOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            switch (args[i])
            {
                case "--size":
                    options.Size = Next() is "province" or "nation" ? args[i] : throw new ArgumentException($"--size is province or nation.\n{Usage}");
                    break;
                case "--ingest":
                    options.IngestEvents = int.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--only":
                    options.Parts.Clear();
                    options.Parts.UnionWith(Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    break;
                case "--year":
                    options.Year = int.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--postgres":
                    options.Postgres = Next();
                    break;
                case "--rabbitmq":
                    var hostPort = Next().Split(':');
                    options.RabbitMqHost = hostPort[0];
                    options.RabbitMqPort = hostPort.Length > 1 ? int.Parse(hostPort[1], CultureInfo.InvariantCulture) : 5672;
                    break;
                case "--rabbitmq-user":
                    options.RabbitMqUser = Next();
                    break;
                case "--rabbitmq-pass":
                    options.RabbitMqPass = Next();
                    break;
                case "--management":
                    options.RabbitMqManagement = new Uri(Next());
                    break;
                case "--worker":
                    var setting = Next().Split('=', 2);
                    options.WorkerSettings[setting[0]] = setting.Length > 1 ? setting[1] : string.Empty;
                    break;
                case "--keep":
                    options.Keep = true;
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}.\n{Usage}");
            }
        }

        return options;
    }

    /// <summary>Events are generated up to 30 November: this year once that day has passed, else last year.</summary>
    public static int DefaultYear(DateTime utcNow) => utcNow >= new DateTime(utcNow.Year, 12, 2, 0, 0, 0, DateTimeKind.Utc) ? utcNow.Year : utcNow.Year - 1;
}

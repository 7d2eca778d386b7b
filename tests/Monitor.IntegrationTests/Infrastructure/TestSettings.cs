using System.Globalization;

namespace Monitor.IntegrationTests.Infrastructure;

/// <summary>Where the test servers are: environment variables, with the local defaults of scripts/services.sh.</summary>
public static class TestSettings
{
    public static string RabbitMqHost => Read("MONITOR_TEST_RABBITMQ_HOST", "127.0.0.1");

    public static int RabbitMqPort => int.Parse(Read("MONITOR_TEST_RABBITMQ_PORT", "5672"), CultureInfo.InvariantCulture);

    public static string RabbitMqUser => Read("MONITOR_TEST_RABBITMQ_USER", "monitor");

    public static string RabbitMqPass => Read("MONITOR_TEST_RABBITMQ_PASS", "monitor");

    public static Uri RabbitMqManagement => new(Read("MONITOR_TEST_RABBITMQ_MANAGEMENT", "http://127.0.0.1:15672"));

    private static string Read(string name, string fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;
}

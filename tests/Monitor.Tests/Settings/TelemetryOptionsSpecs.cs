using Microsoft.Extensions.Configuration;
using Monitor.Worker.Settings;

namespace Monitor.Tests.Settings;

public sealed class TelemetryOptionsSpecs
{
    [Fact]
    public void When_nothing_is_set_should_keep_unit_gauges_refresh_every_30_seconds_need_no_token_and_export_nothing()
    {
        var options = TelemetryOptions.Read(Configuration([]));

        Assert.True(options.UnitGauges);
        Assert.Equal(TimeSpan.FromSeconds(30), options.RefreshEvery);
        Assert.Null(options.ScrapeToken);
        Assert.Null(options.OtlpAddress);
    }

    [Fact]
    public void When_a_collector_is_set_should_read_its_address_and_protocol_in_any_case()
    {
        var options = TelemetryOptions.Read(Configuration(new() { ["OtlpEndpoint"] = "http://10.1.2.3:4318", ["OtlpProtocol"] = "http", ["UnitGauges"] = "false" }));

        Assert.Equal(new Uri("http://10.1.2.3:4318"), options.OtlpAddress);
        Assert.Equal(OtlpProtocol.Http, options.OtlpProtocol);
        Assert.False(options.UnitGauges);
    }

    [Fact]
    public void When_the_token_is_set_to_nothing_should_take_it_as_no_token()
    {
        Assert.Null(TelemetryOptions.Read(Configuration(new() { ["ScrapeToken"] = " " })).ScrapeToken);
    }

    [Theory]
    [InlineData("ScrapeToken", "short", "Monitor:Telemetry:ScrapeToken must be at least 16 characters")]
    [InlineData("ScrapeToken", "two words of a long token", "Monitor:Telemetry:ScrapeToken must not contain spaces")]
    [InlineData("OtlpEndpoint", "collector:4317", "Monitor:Telemetry:OtlpEndpoint has 'collector:4317'")]
    [InlineData("OtlpEndpoint", "ftp://collector:4317", "Monitor:Telemetry:OtlpEndpoint has 'ftp://collector:4317'")]
    [InlineData("OtlpProtocol", "udp", "OtlpProtocol Grpc or Http")]
    [InlineData("RefreshEvery", "00:00:00", "Monitor:Telemetry:RefreshEvery must be between 00:00:01 and 01:00:00")]
    public void When_a_setting_is_wrong_should_refuse_it_naming_the_key_and_the_fix(string key, string value, string message)
    {
        var error = Assert.Throws<ConfigurationException>(() => TelemetryOptions.Read(Configuration(new() { [key] = value })));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(kv => $"Monitor:Telemetry:{kv.Key}", kv => kv.Value)).Build();
}

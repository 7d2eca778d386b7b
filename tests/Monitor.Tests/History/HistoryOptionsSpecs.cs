using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Monitor.Worker.History;
using Monitor.Worker.Settings;

namespace Monitor.Tests.History;

/// <summary>Monitor:History:KeepDays: 800 by default, a negative number refused by name, and pruning at most once a day.</summary>
public sealed class HistoryOptionsSpecs
{
    [Fact]
    public void When_nothing_is_set_should_keep_800_days()
    {
        Assert.Equal(800, HistoryOptions.Read(Settings(null)).KeepDays);
        Assert.Equal(0, HistoryOptions.Read(Settings("0")).KeepDays);
    }

    [Theory]
    [InlineData("-1", "Monitor:History:KeepDays must be between 0 and 36500")]
    [InlineData("a year", "Monitor:History:KeepDays cannot be read")]
    public void When_keep_days_is_wrong_should_refuse_it_naming_the_setting(string value, string message)
    {
        var refused = Assert.Throws<ConfigurationException>(() => HistoryOptions.Read(Settings(value)));
        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_evaluation_asks_many_times_a_day_should_prune_once_a_day_the_days_older_than_keep_days()
    {
        var store = new InMemoryHistoryStore();
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 6, 17, 1, 0, 0, TimeSpan.Zero));
        var retention = new HistoryRetention(store, new HistoryOptions { KeepDays = 30 }, clock, NullLogger<HistoryRetention>.Instance);
        var today = new DateOnly(2024, 6, 17);
        await store.SaveAsync([.. Enumerable.Range(0, 40).Select(d => InMemoryHistoryStoreSpecs.Entry(today.AddDays(-d), null, d, clock.GetUtcNow()))], CancellationToken.None);

        Assert.Equal(9, await retention.PruneIfDueAsync(CancellationToken.None));
        await store.SaveAsync([InMemoryHistoryStoreSpecs.Entry(today.AddDays(-35), null, 35, clock.GetUtcNow())], CancellationToken.None);
        clock.Advance(TimeSpan.FromHours(20));
        Assert.Equal(0, await retention.PruneIfDueAsync(CancellationToken.None));
        clock.Advance(TimeSpan.FromHours(4));
        Assert.Equal(2, await retention.PruneIfDueAsync(CancellationToken.None));

        var kept = await store.GetSeriesAsync("leadership-visits-2024", null, DateOnly.MinValue, DateOnly.MaxValue, CancellationToken.None);
        Assert.Equal(today.AddDays(-29), kept[0].Day);
    }

    [Fact]
    public async Task When_keep_days_is_zero_should_never_prune()
    {
        var store = new InMemoryHistoryStore();
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await store.SaveAsync([InMemoryHistoryStoreSpecs.Entry(new DateOnly(2020, 1, 1), null, 1, clock.GetUtcNow())], CancellationToken.None);

        var retention = new HistoryRetention(store, new HistoryOptions { KeepDays = 0 }, clock, NullLogger<HistoryRetention>.Instance);

        Assert.Equal(0, await retention.PruneIfDueAsync(CancellationToken.None));
        Assert.Single(await store.GetLatestAsync("leadership-visits-2024", CancellationToken.None));
    }

    private static IConfiguration Settings(string? keepDays) =>
        new ConfigurationBuilder().AddInMemoryCollection(keepDays is null ? [] : new Dictionary<string, string?> { ["Monitor:History:KeepDays"] = keepDays }).Build();
}

using MassTransit;
using Monitor.Messages;
using Monitor.Tests.Support;

namespace Monitor.Tests.Placement;

/// <summary>GraduateRegistered through its consumer on MassTransit's test harness.</summary>
public sealed class GraduateRegisteredConsumerSpecs
{
    private static readonly GraduateRegistered Graduate = new("tjqg", 2024, "2024JX0001", "JX", "机械设计与制造", ["LowIncome", "Disability"]);

    [Fact]
    public async Task When_a_graduate_is_registered_should_put_them_on_the_cohorts_roster()
    {
        await using var monitor = await ConsumerHarness.StartAsync();

        await monitor.PublishAsync(Graduate);

        var graduate = Assert.Single((await monitor.Placement.GetCohortAsync("tjqg", 2024, CancellationToken.None)).Graduates);
        Assert.Equal(("2024JX0001", "JX"), (graduate.GraduateId, graduate.UnitCode));
        // Only whether the graduate is disadvantaged is kept, never which categories (personal data).
        Assert.True(graduate.Disadvantaged);
        Assert.Empty(monitor.Published<EventRejected>());
    }

    [Fact]
    public async Task When_a_registration_is_redelivered_with_its_categories_reordered_and_repeated_should_be_the_same_registration()
    {
        await using var monitor = await ConsumerHarness.StartAsync();

        await monitor.PublishAsync(Graduate, Graduate with { Disadvantaged = ["Disability", "LowIncome", "Disability"] });

        Assert.All(monitor.Consumed<GraduateRegistered>(), c => Assert.Null(c.Exception));
        Assert.Single((await monitor.Placement.GetCohortAsync("tjqg", 2024, CancellationToken.None)).Graduates);
        Assert.Empty(monitor.Published<EventRejected>());
    }

    [Fact]
    public async Task When_a_graduate_id_is_reused_in_another_unit_should_publish_EventRejected_and_keep_the_first_registration()
    {
        await using var monitor = await ConsumerHarness.StartAsync();

        await monitor.PublishAsync(Graduate, Graduate with { UnitCode = "DZ" });

        Assert.Single(await monitor.PublishedAsync<Fault<GraduateRegistered>>());
        var rejected = Assert.Single(monitor.Published<EventRejected>());
        Assert.Equal((nameof(GraduateRegistered), "2024JX0001"), (rejected.MessageType, rejected.BusinessId));
        Assert.Equal(["graduateId: '2024JX0001' is registered in the 2024 cohort with another unit or disadvantaged status; the first registration is kept"], rejected.Errors);
        Assert.Equal("JX", Assert.Single((await monitor.Placement.GetCohortAsync("tjqg", 2024, CancellationToken.None)).Graduates).UnitCode);
    }

    [Fact]
    public async Task When_a_registration_names_an_unknown_category_should_publish_EventRejected_naming_the_field_and_register_nobody()
    {
        await using var monitor = await ConsumerHarness.StartAsync();

        await monitor.PublishAsync(Graduate with { Disadvantaged = ["低保"] });

        Assert.Single(await monitor.PublishedAsync<Fault<GraduateRegistered>>());
        Assert.StartsWith("disadvantaged: '低保' is not one of ", Assert.Single(Assert.Single(monitor.Published<EventRejected>()).Errors), StringComparison.Ordinal);
        Assert.Empty((await monitor.Placement.GetCohortAsync("tjqg", 2024, CancellationToken.None)).Graduates);
    }
}

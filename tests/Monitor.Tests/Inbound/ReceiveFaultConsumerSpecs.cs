using Monitor.Messages;
using Monitor.Tests.Support;
using Monitor.Worker.Placement;
using Monitor.Worker.Visits;

namespace Monitor.Tests.Inbound;

/// <summary>
/// Bodies that cannot be read as their message type, sent as raw JSON the way a non-.NET producer sends them: they
/// never reach a consumer, and the ReceiveFault MassTransit publishes becomes an EventRejected.
/// </summary>
public sealed class ReceiveFaultConsumerSpecs
{
    [Fact]
    public async Task When_a_visit_body_lacks_its_tier_should_publish_EventRejected_naming_the_member_and_never_reach_the_consumer()
    {
        await using var monitor = await ConsumerHarness.StartAsync();

        await monitor.SendRawJsonAsync<EnterpriseVisitRecordedConsumer>(
            new VisitWithoutTier("v-1", "tjqg", "天津港（集团）有限公司", new DateOnly(2024, 5, 10), VisitMode.Outgoing, 3));

        var rejected = Assert.Single(await monitor.PublishedAsync<EventRejected>());
        Assert.Equal(nameof(EnterpriseVisitRecorded), rejected.MessageType);
        Assert.Equal(["tier: required (one of Leadership, Unit)"], rejected.Errors);
        Assert.Empty(monitor.Consumed<EnterpriseVisitRecorded>());
        Assert.Empty(await monitor.Visits.GetActiveVisitsAsync("tjqg", new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), CancellationToken.None));
    }

    [Fact]
    public async Task When_a_registration_body_holds_a_word_for_a_number_should_publish_EventRejected_for_the_queues_message_type()
    {
        await using var monitor = await ConsumerHarness.StartAsync();

        await monitor.SendRawJsonAsync<GraduateRegisteredConsumer>(new RegistrationWithWordyCohort("tjqg", "二〇二四", "2024JX0001", "JX", []));

        // A raw body carries no message type: the rejection takes it from the queue the body was sent to.
        var rejected = Assert.Single(await monitor.PublishedAsync<EventRejected>());
        Assert.Equal(nameof(GraduateRegistered), rejected.MessageType);
        Assert.NotEmpty(Assert.Single(rejected.Errors));
        Assert.Empty(monitor.Consumed<GraduateRegistered>());
        Assert.Empty((await monitor.Placement.GetCohortAsync("tjqg", 2024, CancellationToken.None)).Graduates);
    }

    private sealed record VisitWithoutTier(string VisitId, string InstitutionId, string EmployerName, DateOnly VisitedOn, VisitMode Mode, int PositionsOpened);

    private sealed record RegistrationWithWordyCohort(string InstitutionId, string CohortYear, string GraduateId, string UnitCode, string[] Disadvantaged);
}

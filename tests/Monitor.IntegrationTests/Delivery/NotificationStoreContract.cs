using Microsoft.Extensions.Time.Testing;
using Monitor.IntegrationTests.Infrastructure;
using Monitor.Messages;
using Monitor.Worker.Alerts;
using Monitor.Worker.Delivery;
using Monitor.Worker.Targets;

namespace Monitor.IntegrationTests.Delivery;

/// <summary>
/// What the silence, digest and notification stores promise, run against each implementation. The webhooks' names are
/// unique to each test, so tests sharing one database see the same results as on fresh stores.
/// </summary>
public abstract class NotificationStoreContract
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly string run = Guid.NewGuid().ToString("N")[..8];

    protected NotificationStoreContract(Func<FakeTimeProvider, (IAlertStore Alerts, IDigestStore Digests, ISilenceStore Silences, INotificationStore Notifications)> createStores)
    {
        ArgumentNullException.ThrowIfNull(createStores);
        (Alerts, Digests, Silences, Notifications) = createStores(Clock);
    }

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2024, 6, 17, 2, 0, 0, TimeSpan.Zero));

    private IAlertStore Alerts { get; }

    private IDigestStore Digests { get; }

    private ISilenceStore Silences { get; }

    private INotificationStore Notifications { get; }

    private string Leaders => $"leaders-{run}";

    private string Dean => $"dean-{run}";

    [Fact]
    public async Task When_silences_are_added_ended_and_removed_should_list_only_those_in_force_and_keep_the_first_removal()
    {
        var now = Clock.GetUtcNow();
        var kept = await Silences.AddAsync(new NewSilence("tjqg", "XN", null, now.AddDays(7), "迎评期间", "张三"), None);
        var ending = await Silences.AddAsync(new NewSilence("tjqg", null, "unit-visits-2024", now.AddHours(1), "数据核对中", "李四"), None);
        var removed = await Silences.AddAsync(new NewSilence("tjqg", "RG", "placement-2024", now.AddDays(7), "已知原因", "王五"), None);

        Assert.True(kept.Id < ending.Id && ending.Id < removed.Id);
        Assert.Equal((now, "张三", "迎评期间"), (kept.CreatedAt, kept.CreatedBy, kept.Reason));
        Clock.Advance(TimeSpan.FromMinutes(1));
        var first = await Silences.RemoveAsync(removed.Id, "赵六", None);
        Clock.Advance(TimeSpan.FromMinutes(1));
        var again = await Silences.RemoveAsync(removed.Id, "孙七", None);
        Assert.Equal(("赵六", now.AddMinutes(1)), (first!.RemovedBy, first.RemovedAt!.Value));
        Assert.Equal(first, again);
        Assert.Null(await Silences.RemoveAsync(long.MaxValue, "赵六", None));

        Clock.Advance(TimeSpan.FromHours(1));
        var active = (await Silences.GetActiveAsync(Clock.GetUtcNow(), None)).Where(s => s.Id >= kept.Id).ToList();
        Assert.Equal([kept.Id], active.Select(s => s.Id));
        Assert.Equal(kept with { EndsAt = active[0].EndsAt }, active[0]);
        Assert.Equal([kept.Id, ending.Id, removed.Id], (await Silences.GetAllAsync(None)).Where(s => s.Id >= kept.Id).Select(s => s.Id));
    }

    [Fact]
    public async Task When_a_digest_is_saved_twice_should_keep_the_first()
    {
        var digest = Digest(new DateOnly(2024, 6, 17), "第一次");

        Assert.True(await Digests.SaveAsync(digest, None));
        Assert.False(await Digests.SaveAsync(digest with { Summary = "第二次" }, None));

        var kept = Assert.Single(await Digests.GetSinceAsync(digest.GeneratedAt, None), d => d.DigestId == digest.DigestId);
        Assert.Equal("第一次", kept.Summary);
    }

    [Fact]
    public async Task When_alerts_are_handed_over_should_queue_each_once_for_the_webhooks_its_route_names_and_none_when_too_old()
    {
        var now = Clock.GetUtcNow();
        var xn = await SaveAsync(Alert("XN", AlertSeverity.Warning, now));
        var rg = await SaveAsync(Alert("RG", AlertSeverity.Critical, now.AddSeconds(5)));
        var old = await SaveAsync(Alert("CL", AlertSeverity.Critical, now - NotificationRules.MaxAge - TimeSpan.FromMinutes(1)));

        var handed = await Notifications.QueueNewAsync(a => a.UnitCode == "XN" ? [Leaders, Dean] : [Leaders], _ => [], now, None);
        Assert.True(handed >= 3);
        Assert.Equal(0, await Notifications.QueueNewAsync(_ => [Leaders, Dean], _ => [], now, None));

        Assert.Equal([xn.AlertId, rg.AlertId], (await Notifications.GetQueueAsync(Leaders, None)).Select(e => e.SourceId));
        Assert.Equal([xn.AlertId], (await Notifications.GetQueueAsync(Dean, None)).Select(e => e.SourceId));
        Assert.DoesNotContain(old.AlertId, (await Notifications.GetQueueAsync(Leaders, None)).Select(e => e.SourceId));
        var group = Assert.Single(await Notifications.GetPendingGroupsAsync(None), g => g.Webhook == Leaders);
        Assert.Equal(("tjqg|unit-visits-2024", NotificationKind.Alert, "tjqg", now, AlertSeverity.Critical), (group.GroupKey, group.Kind, group.InstitutionId, group.FirstSince, group.HighestSeverity));
    }

    [Fact]
    public async Task When_a_group_is_sent_should_hand_the_outbox_payloads_to_the_plan_post_once_and_record_the_states_and_the_delivery()
    {
        var now = Clock.GetUtcNow();
        var xn = await SaveAsync(Alert("XN", AlertSeverity.Warning, now));
        var rg = await SaveAsync(Alert("RG", AlertSeverity.Critical, now));
        await Notifications.QueueNewAsync(_ => [Leaders], _ => [], now, None);
        var id = NotificationRules.MessageId([rg.AlertId]);
        IReadOnlyList<QueuedItem>? seen = null;
        var posts = new List<WebhookMessage>();

        var result = await Notifications.SendAsync(
            Leaders,
            "tjqg|unit-visits-2024",
            items =>
            {
                seen = items;
                return new NotificationPlan(id, NotificationPlanner.AlertType, new WebhookMessage("t", "x"), new Dictionary<Guid, QueueState> { [xn.AlertId] = QueueState.Silenced, [rg.AlertId] = QueueState.Sent });
            },
            (message, _) =>
            {
                posts.Add(message);
                return Task.CompletedTask;
            },
            None);

        Assert.Equal((true, false), (result!.Posted, result.AlreadyPosted));
        Assert.Equal([(xn.AlertId, xn.Summary), (rg.AlertId, rg.Summary)], seen!.Select(i => (i.Alert!.AlertId, i.Alert.Summary)).OrderBy(a => a.AlertId == rg.AlertId));
        Assert.Single(posts);
        Assert.Equal(
            [(xn.AlertId, QueueState.Silenced, (Guid?)null), (rg.AlertId, QueueState.Sent, id)],
            (await Notifications.GetQueueAsync(Leaders, None)).Select(e => (e.SourceId, e.State, e.NotificationId)).OrderBy(e => e.SourceId == rg.AlertId));
        Assert.Equal([(Leaders, NotificationPlanner.AlertType)], (await Notifications.GetDeliveriesAsync(id, None)).Select(d => (d.Webhook, d.MessageType)));
        Assert.Null(await Notifications.SendAsync(Leaders, "tjqg|unit-visits-2024", _ => throw new InvalidOperationException("nothing waits"), (_, _) => Task.CompletedTask, None));
    }

    [Fact]
    public async Task When_the_post_fails_should_record_nothing_and_keep_everything_pending()
    {
        var xn = await SaveAsync(Alert("XN", AlertSeverity.Critical, Clock.GetUtcNow()));
        await Notifications.QueueNewAsync(_ => [Leaders], _ => [], Clock.GetUtcNow(), None);

        await Assert.ThrowsAsync<WebhookException>(() => Notifications.SendAsync(
            Leaders, "tjqg|unit-visits-2024", items => Sent(items), (_, _) => throw new WebhookException("robot down"), None));

        Assert.Equal([QueueState.Pending], (await Notifications.GetQueueAsync(Leaders, None)).Select(e => e.State));
        Assert.Empty(await Notifications.GetDeliveriesAsync(xn.AlertId, None));
    }

    [Fact]
    public async Task When_two_senders_take_the_same_group_at_once_should_post_it_once()
    {
        var xn = await SaveAsync(Alert("XN", AlertSeverity.Critical, Clock.GetUtcNow()));
        await Notifications.QueueNewAsync(_ => [Leaders], _ => [], Clock.GetUtcNow(), None);
        var posts = 0;
        var release = new TaskCompletionSource();

        async Task Post(WebhookMessage message, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref posts);
            await release.Task;
        }

        var first = Notifications.SendAsync(Leaders, "tjqg|unit-visits-2024", Sent, Post, None);
        await Eventually.UntilAsync(() => Volatile.Read(ref posts), n => n == 1, "the first sender is posting");
        var second = await Notifications.SendAsync(Leaders, "tjqg|unit-visits-2024", Sent, Post, None);
        release.SetResult();

        Assert.Null(second);
        Assert.True((await first)!.Posted);
        Assert.Equal(1, posts);
        Assert.Equal([Leaders], (await Notifications.GetDeliveriesAsync(xn.AlertId, None)).Select(d => d.Webhook));
    }

    [Fact]
    public async Task When_a_digest_is_kept_should_queue_it_for_the_webhooks_its_route_names()
    {
        var digest = Digest(new DateOnly(2024, 6, 18), "…") with { GeneratedAt = Clock.GetUtcNow() };
        await Digests.SaveAsync(digest, None);

        await Notifications.QueueNewAsync(_ => [], d => d.DigestId == digest.DigestId ? [Leaders] : [], Clock.GetUtcNow(), None);

        var entry = Assert.Single(await Notifications.GetQueueAsync(Leaders, None));
        Assert.Equal((digest.DigestId, NotificationKind.Digest, "tjqg|digest", QueueState.Pending), (entry.SourceId, entry.Kind, entry.GroupKey, entry.State));
        var result = await Notifications.SendAsync(Leaders, "tjqg|digest", items => new NotificationPlan(items[0].Digest!.DigestId, NotificationPlanner.DigestType, new WebhookMessage("t", "x"), new Dictionary<Guid, QueueState> { [digest.DigestId] = QueueState.Sent }), (_, _) => Task.CompletedTask, None);
        Assert.True(result!.Posted);
    }

    private static NotificationPlan Sent(IReadOnlyList<QueuedItem> items) => new(
        NotificationRules.MessageId([.. items.Select(i => i.SourceId)]), NotificationPlanner.AlertGroupType, new WebhookMessage("t", "x"), items.ToDictionary(i => i.SourceId, _ => QueueState.Sent));

    private async Task<TargetStatusChanged> SaveAsync(TargetStatusChanged alert)
    {
        var scopeKey = ScopeKeys.For(alert.InstitutionId, alert.UnitCode);
        var version = (await Alerts.GetStateAsync(alert.TargetId, scopeKey, None))?.Version ?? 0;
        var state = new AlertState(alert.TargetId, scopeKey, alert.Current, alert.EvaluatedAt, 1, 0, alert.EvaluatedAt, null, null, alert.Actual, alert.EvaluatedAt, version + 1);
        Assert.True(await Alerts.TrySaveAsync(state, version, alert, None));
        return alert;
    }

    private static TargetStatusChanged Alert(string unit, AlertSeverity severity, DateTimeOffset at) =>
        Outbox.UnitVisits(unit, TargetStatus.OnTrack, TargetStatus.AtRisk, severity, 8, 11, 25, at);

    private DailyDigest Digest(DateOnly date, string summary) =>
        new(Guid.NewGuid(), "tjqg", date, [], summary, Clock.GetUtcNow());
}

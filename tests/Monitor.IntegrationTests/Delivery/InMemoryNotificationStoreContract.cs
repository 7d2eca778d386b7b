using Monitor.Worker.Alerts;
using Monitor.Worker.Delivery;
using Monitor.Worker.Institutions;
using Monitor.Worker.Settings;
using Monitor.Worker.Targets;

namespace Monitor.IntegrationTests.Delivery;

/// <summary>The notification store contract on the embedded in-memory stores, fresh ones per test.</summary>
public sealed class InMemoryNotificationStoreContract() : NotificationStoreContract(clock =>
{
    var alerts = new InMemoryAlertStore(clock);
    var digests = new InMemoryDigestStore();
    var targets = TargetCatalog.Load(SeedFiles.Path("seeds/targets-2024.json"), InstitutionCatalog.Load(SeedFiles.Path("seeds/institutions.json")));
    return (alerts, digests, new InMemorySilenceStore(clock), new InMemoryNotificationStore(alerts, digests, targets, clock));
});

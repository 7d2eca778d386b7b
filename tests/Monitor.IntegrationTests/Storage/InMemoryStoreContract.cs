using Monitor.Worker.Visits;
using Monitor.Worker.Placement;
using Monitor.Worker.Alerts;

namespace Monitor.IntegrationTests.Storage;

/// <summary>The store contract on the embedded in-memory store, a fresh one per test.</summary>
public sealed class InMemoryStoreContract() : StoreContract(clock => new Stores(new InMemoryVisitStore(), new InMemoryPlacementStore(), new InMemoryAlertStore(clock)));

using Monitor.Worker.Storage;

namespace Monitor.IntegrationTests.Storage;

/// <summary>The store contract on the embedded in-memory store, a fresh one per test.</summary>
public sealed class InMemoryStoreContract() : StoreContract(clock => Stores.Of(new InMemoryMonitorStore(clock)));

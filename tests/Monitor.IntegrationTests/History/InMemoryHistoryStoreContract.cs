using Monitor.Worker.History;

namespace Monitor.IntegrationTests.History;

/// <summary>The history store contract on the embedded in-memory store.</summary>
public sealed class InMemoryHistoryStoreContract() : HistoryStoreContract(new InMemoryHistoryStore());

using Monitor.Worker.Tools.Import;

namespace Monitor.Tests.Tools.Import;

/// <summary>What both passes of an import gave: the check, the messages sent (in file order), and the queues they went to.</summary>
internal sealed record ImportResult<T>(ImportCheck Check, IReadOnlyList<T> Sent, int Published, IReadOnlyList<string> Queues);

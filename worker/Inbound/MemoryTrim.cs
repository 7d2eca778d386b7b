namespace Monitor.Worker.Inbound;

/// <summary>
/// Gives memory back after a burst of large or hostile bodies. The garbage collector frees a burst's large objects only
/// in a full collection, which an idle worker never triggers, so the process would keep the burst's high-water mark.
/// Every 30 seconds: when the worker has gone quiet (little allocated since the last look) and the heap holds clearly
/// more than after the last trim, one aggressive full collection returns the memory to the system; one more follows
/// two looks later, when the buffer pools have let go of the burst's buffers (they keep them a minute).
/// </summary>
public sealed partial class MemoryTrim(ILogger<MemoryTrim> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(30);
    private const long QuietBytes = 16L * 1024 * 1024;
    private const long GrowthBytes = 32L * 1024 * 1024;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every);
        var allocated = GC.GetTotalAllocatedBytes();
        var baseline = GC.GetGCMemoryInfo().TotalCommittedBytes;
        var followUp = 0;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = GC.GetTotalAllocatedBytes();
            var committed = GC.GetGCMemoryInfo().TotalCommittedBytes;
            var quiet = now - allocated < QuietBytes;
            allocated = now;
            if (quiet && (committed > baseline + GrowthBytes || --followUp == 0))
            {
                followUp = committed > baseline + GrowthBytes ? 2 : 0;
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                baseline = GC.GetGCMemoryInfo().TotalCommittedBytes;
                LogTrimmed(logger, committed / (1024 * 1024), baseline / (1024 * 1024));
            }
            else if (committed < baseline)
            {
                baseline = committed;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Memory given back after a burst: the managed heap held {BeforeMb} MB, now {AfterMb} MB")]
    private static partial void LogTrimmed(ILogger logger, long beforeMb, long afterMb);
}

namespace Monitor.Worker.Alerts;

/// <summary>The embedded default: silences in process memory, lost on restart (the <c>silence</c> command needs PostgreSQL).</summary>
public sealed class InMemorySilenceStore(TimeProvider clock) : ISilenceStore
{
    private readonly Lock gate = new();
    private readonly List<Silence> silences = [];

    public Task<Silence> AddAsync(NewSilence silence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(silence);
        lock (gate)
        {
            var added = new Silence(silences.Count + 1, silence.InstitutionId, silence.UnitCode, silence.TargetId, silence.EndsAt, silence.Reason, silence.CreatedBy, clock.GetUtcNow());
            silences.Add(added);
            return Task.FromResult(added);
        }
    }

    public Task<IReadOnlyList<Silence>> GetActiveAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<Silence>>([.. silences.Where(s => s.IsActive(now))]);
        }
    }

    public Task<IReadOnlyList<Silence>> GetAllAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<Silence>>([.. silences]);
        }
    }

    public Task<Silence?> RemoveAsync(long id, string removedBy, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var index = silences.FindIndex(s => s.Id == id);
            if (index < 0)
            {
                return Task.FromResult<Silence?>(null);
            }

            if (silences[index].RemovedAt is null)
            {
                silences[index] = silences[index] with { RemovedAt = clock.GetUtcNow(), RemovedBy = removedBy };
            }

            return Task.FromResult<Silence?>(silences[index]);
        }
    }
}

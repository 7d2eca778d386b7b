using MassTransit;
using Monitor.Messages;
using Monitor.Worker.Inbound;
using Monitor.Worker.Institutions;
using Monitor.Worker.Targets;

namespace Monitor.Worker.Evaluation;

/// <summary>Evaluates at once when asked, for one institution or target or for all.</summary>
public sealed class EvaluationRequestedConsumer(Evaluator evaluator, InstitutionCatalog institutions, TargetCatalog targets, TimeProvider clock)
    : IConsumer<EvaluationRequested>
{
    public async Task Consume(ConsumeContext<EvaluationRequested> context)
    {
        var request = context.Message;
        var errors = new List<string>();
        if (request.InstitutionId is not null && institutions.Find(request.InstitutionId) is null)
        {
            errors.Add($"institutionId: '{request.InstitutionId}' is not a configured institution");
        }

        if (request.TargetId is not null && !targets.All.Any(t => t.Id == request.TargetId))
        {
            errors.Add($"targetId: '{request.TargetId}' is not a configured target ({string.Join(", ", targets.All.Select(t => t.Id))})");
        }

        if (errors.Count > 0)
        {
            await EventRejection.RejectAsync(context, request.TargetId, request.InstitutionId, errors, clock);
        }

        await evaluator.EvaluateAsync(request.InstitutionId, request.TargetId, context.CancellationToken);
    }
}

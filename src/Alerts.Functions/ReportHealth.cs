using Alerts.Core.Operations;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions;

/// <summary>The daily health report to the operator chat; schedule from the <c>HealthReportSchedule</c> app setting.</summary>
public sealed class ReportHealth(HealthReportStage stage)
{
    [Function(nameof(ReportHealth))]
    public Task Run([TimerTrigger("%HealthReportSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
        => stage.RunAsync(cancellationToken);
}

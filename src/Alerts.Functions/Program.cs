using Alerts.Core.Operations;
using Alerts.Functions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;

var builder = FunctionsApplication.CreateBuilder(args);

// Application Insights through OpenTelemetry (APPLICATIONINSIGHTS_CONNECTION_STRING, with
// APPLICATIONINSIGHTS_AUTHENTICATION_STRING for Entra auth: local auth is off on the resource).
// Structured logs keep their properties (SourceId, Signal...) as custom dimensions; the pipeline's
// own meter adds per-source and per-channel counts.
builder.Services
    .AddApplicationInsightsTelemetryWorkerService()
    .ConfigureFunctionsApplicationInsights();
builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddMeter(AlertsMetrics.MeterName));

builder.Services.AddAlertsFunctions(builder.Configuration, AppContext.BaseDirectory);
builder.Build().Run();

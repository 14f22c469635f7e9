using Alerts.Functions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);

// Application Insights through OpenTelemetry, with the app's managed identity (FunctionsTelemetry).
builder.Services.AddAlertsTelemetry(builder.Configuration);
builder.Services.AddAlertsFunctions(builder.Configuration, AppContext.BaseDirectory);
builder.Build().Run();

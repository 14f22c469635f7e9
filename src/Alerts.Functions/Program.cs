using Alerts.Functions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.Services.AddAlertsFunctions(builder.Configuration, AppContext.BaseDirectory);
builder.Build().Run();

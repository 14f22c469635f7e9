using Alerts.Core.Operations;
using Alerts.Hosting;
using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Alerts.Functions;

/// <summary>
/// Telemetry to Application Insights through OpenTelemetry: logs (their template properties become
/// customDimensions), the <see cref="AlertsMetrics.MeterName"/> meter (customMetrics, named after the
/// instruments) and the worker's invocation traces. The resource takes telemetry only from the app's
/// managed identity (local authentication is off), named by <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c>.
/// Without <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> (local runs) nothing is exported.
/// </summary>
public static class FunctionsTelemetry
{
    public const string ConnectionStringKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AuthenticationStringKey = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    public static IServiceCollection AddAlertsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration[ConnectionStringKey];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return services;
        }
        var credential = CredentialFrom(configuration[AuthenticationStringKey]);
        services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithMetrics(metrics => metrics.AddMeter(AlertsMetrics.MeterName))
            .UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = connectionString;
                options.Credential = credential;
            });
        return services;
    }

    /// <summary>
    /// <c>Authorization=AAD</c> with an optional <c>ClientId=&lt;user-assigned identity&gt;</c> (the
    /// Functions host's own format); absent means key-based ingestion, which only a local resource accepts.
    /// </summary>
    public static TokenCredential? CredentialFrom(string? authenticationString)
    {
        if (string.IsNullOrWhiteSpace(authenticationString))
        {
            return null;
        }
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in authenticationString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw Problem($"'{part}' is not a Key=Value pair.");
            }
            parts[part[..equals].Trim()] = part[(equals + 1)..].Trim();
        }
        if (!parts.TryGetValue("Authorization", out var authorization) || !string.Equals(authorization, "AAD", StringComparison.OrdinalIgnoreCase))
        {
            throw Problem("Authorization must be 'AAD'.");
        }
        return parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }

    private static ConfigurationProblemException Problem(string problem)
        => new([$"{AuthenticationStringKey}: {problem} Expected 'Authorization=AAD' or 'ClientId=<identity client id>;Authorization=AAD'."]);
}

using Alerts.Core.Detection;
using Alerts.Core.Routing;
using Alerts.Core.Sources;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Alerts.Hosting;

/// <summary>
/// Hooks the reading of sources, channels and the treaty catalogue, the source kinds and the shape of the
/// configuration (<see cref="ConfigurationShape"/>) into ValidateOnStart, so a host refuses to start on a bad
/// entry, naming its key, instead of failing at the first poll. The CLI runs the same check before each command.
/// </summary>
public sealed class StartupCheck
{
    internal sealed class Validator(IServiceProvider services) : IValidateOptions<StartupCheck>
    {
        public ValidateOptionsResult Validate(string? name, StartupCheck options)
        {
            var problems = new List<string>();
            void Check(Action resolve)
            {
                try
                {
                    resolve();
                }
                catch (ConfigurationProblemException ex)
                {
                    problems.AddRange(ex.Problems);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or InvalidDataException)
                {
                    problems.Add($"{PipelineServices.TreatyCatalogKey}: {ex.Message}");
                }
            }
            SourceCatalog? sources = null;
            Check(() => sources = services.GetRequiredService<SourceCatalog>());
            Check(() => services.GetRequiredService<ChannelDirectory>());
            Check(() => services.GetRequiredService<TreatyCatalog>());
            if (services.GetService<IConfiguration>() is { } configuration)
            {
                problems.AddRange(ConfigurationShape.Problems(configuration, sources?.All ?? []));
            }
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}

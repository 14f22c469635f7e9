using Alerts.Core.Detection;
using Alerts.Core.Routing;
using Alerts.Core.Sources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Alerts.Hosting;

/// <summary>
/// Hooks the reading of sources, channels and the treaty catalogue into ValidateOnStart, so a host
/// refuses to start on a bad entry, naming its key, instead of failing at the first poll.
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
            Check(() => services.GetRequiredService<SourceCatalog>());
            Check(() => services.GetRequiredService<ChannelDirectory>());
            Check(() => services.GetRequiredService<TreatyCatalog>());
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}

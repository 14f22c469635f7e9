using Alerts.Testing;

namespace Alerts.Core.Tests.Publishing;

/// <summary>The feed tests need tools/feed-validator's npm packages; without them they fail saying what to run, not with node's error.</summary>
public sealed class FeedValidatorInstallTests
{
    [Fact]
    public void A_validator_without_its_packages_names_the_missing_folder_and_the_command()
    {
        var directory = Path.Combine(Path.GetTempPath(), "alerts-validator-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(directory, "node_modules", "ajv"));
        try
        {
            var problem = FeedValidator.InstallProblem(directory);

            Assert.Equal($"The feed validator is not installed: {Path.Combine(directory, "node_modules")} is missing. Run 'npm ci' in {directory} (.ci/run does).", problem);
            Directory.CreateDirectory(Path.Combine(directory, "node_modules", "xmllint-wasm"));
            Assert.Null(FeedValidator.InstallProblem(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}

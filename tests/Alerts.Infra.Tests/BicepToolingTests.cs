using System.Text.RegularExpressions;
using Alerts.Infra.Tests.Tooling;

namespace Alerts.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class BicepToolingTests(CompiledInfra infra)
{
    [Fact]
    public void Main_template_builds_without_warnings()
    {
        Assert.True(infra.Build.ExitCode == 0, infra.Build.StandardError);
        Assert.Equal("", infra.Build.StandardError.Trim());
        Assert.Equal("bicep", (string?)infra.Main["metadata"]?["_generator"]?["name"]);
    }

    [Fact]
    public async Task Linter_reports_nothing()
    {
        // Linting main.bicep also lints every module and import it uses (see Every_bicep_file_is_used).
        var lint = await BicepCli.RunAsync(Repository.Infra, "lint", Repository.MainBicep);

        Assert.True(lint.ExitCode == 0, lint.StandardError);
        Assert.Equal("", lint.StandardError.Trim());
        Assert.Equal("", lint.StandardOutput.Trim());
    }

    [Fact]
    public async Task Linter_configuration_makes_a_leaked_secret_an_error()
    {
        // Proves infra/bicepconfig.json is in force: the same mistake in infra/ would fail the build.
        var directory = Directory.CreateTempSubdirectory("infra-lint-");
        try
        {
            File.Copy(Path.Combine(Repository.Infra, "bicepconfig.json"), Path.Combine(directory.FullName, "bicepconfig.json"));
            var leak = Path.Combine(directory.FullName, "leak.bicep");
            await File.WriteAllTextAsync(leak, "@secure()\nparam botToken string\n\noutput token string = botToken\n");

            var lint = await BicepCli.RunAsync(directory.FullName, "lint", leak);

            Assert.NotEqual(0, lint.ExitCode);
            Assert.Matches(new Regex(@"Error outputs-should-not-contain-secrets"), lint.StandardError);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Every_bicep_file_is_a_local_file_used_by_main()
    {
        // Registry modules (br:, ts:) need network at build time; the template must build offline.
        var reference = new Regex(@"^\s*(?:module\s+\w+|import\s+\{[^}]*\}\s+from)\s+'(?<path>[^']+)'", RegexOptions.Multiline);
        var used = new HashSet<string> { Path.GetFullPath(Repository.MainBicep) };
        foreach (var file in Directory.GetFiles(Repository.Infra, "*.bicep", SearchOption.AllDirectories))
        {
            foreach (Match match in reference.Matches(File.ReadAllText(file)))
            {
                var path = match.Groups["path"].Value;
                Assert.DoesNotContain(":", path);
                var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, path));
                Assert.True(File.Exists(target), $"{file}: {path} is missing.");
                used.Add(target);
            }
        }

        var all = Directory.GetFiles(Repository.Infra, "*.bicep", SearchOption.AllDirectories).Select(Path.GetFullPath);
        Assert.Equal(all.Order(), used.Order());
    }
}

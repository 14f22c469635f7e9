using System.Globalization;
using Alerts.Infra.Tests.Tooling;

namespace Alerts.Infra.Tests;

/// <summary>
/// The costs section of docs/OPERATIONS.md counts what the template deploys: a rule or a private
/// endpoint added without updating the figures makes this red.
/// </summary>
[Collection(InfraCollection.Name)]
public sealed class CostsDocumentationTests(CompiledInfra infra)
{
    // Log alert rule list prices (USD a month) by evaluation frequency, as the costs section states them.
    private static readonly Dictionary<string, decimal> RulePrice = new()
    {
        ["PT1M"] = 3.00m,
        ["PT5M"] = 1.50m,
        ["PT10M"] = 1.00m,
        ["PT15M"] = 0.50m,
    };

    private const decimal PrivateEndpointMonth = 7.30m;

    private static string Costs
    {
        get
        {
            var guide = File.ReadAllText(Repository.PathOf("docs", "OPERATIONS.md"));
            var start = guide.IndexOf("## Costs", StringComparison.Ordinal);
            Assert.True(start >= 0, "docs/OPERATIONS.md has no Costs section.");
            var end = guide.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
            return guide[start..(end < 0 ? guide.Length : end)];
        }
    }

    [Fact]
    public void Alert_rule_line_matches_the_rules_and_their_frequencies()
    {
        var rules = infra.Module("alerts").Variable("rules").AsArray().Select(r => (string)r!["evaluationFrequency"]!).ToList();
        var total = rules.Sum(f => RulePrice[f]);

        var row = Costs.Split('\n').Single(l => l.StartsWith("| Log alert rules", StringComparison.Ordinal));
        Assert.Contains(Money(total), row, StringComparison.Ordinal);
        foreach (var group in rules.GroupBy(f => f))
        {
            Assert.Contains($"(${RulePrice[group.Key].ToString("0.00", CultureInfo.InvariantCulture)}", Costs, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Private_endpoint_figure_counts_the_endpoints_the_template_creates()
    {
        var endpoints = infra.Module("privateendpoints").Variable("endpoints").AsArray().Count;

        Assert.Contains($"{endpoints} × {Money(PrivateEndpointMonth)} = {Money(endpoints * PrivateEndpointMonth)}", Costs, StringComparison.Ordinal);
        Assert.Contains($"Private endpoints ({endpoints})", Costs, StringComparison.Ordinal);
    }

    private static string Money(decimal value) => "$" + value.ToString("0.00", CultureInfo.InvariantCulture);
}

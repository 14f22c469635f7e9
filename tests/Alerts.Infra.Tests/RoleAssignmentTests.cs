using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Alerts.Infra.Tests.Tooling;

namespace Alerts.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed partial class RoleAssignmentTests(CompiledInfra infra)
{
    private const string StorageAccount = "Microsoft.Storage/storageAccounts";
    private const string AppInsights = "Microsoft.Insights/components";
    private const string KeyVault = "Microsoft.KeyVault/vaults";

    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string StorageTableDataReader = "76199698-9eea-4c19-bc75-cec21354c6b6";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string KeyVaultSecretsOfficer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";

    private ModuleView Roles => infra.Module("roles");

    [Fact]
    public void App_identity_has_exactly_the_roles_it_needs()
    {
        var granted = Assignments("appPrincipalId").Select(a => (a.ScopeType, a.RoleId)).ToHashSet();

        HashSet<(string, string)> expected =
        [
            (StorageAccount, StorageBlobDataOwner),
            (StorageAccount, StorageQueueDataContributor),
            (StorageAccount, StorageTableDataContributor),
            (AppInsights, MonitoringMetricsPublisher),
            (KeyVault, KeyVaultSecretsUser),
        ];
        Assert.Equal(expected, granted);
        Assert.Equal(expected.Count, Assignments("appPrincipalId").Count);
        Assert.All(Assignments("appPrincipalId"), a =>
        {
            Assert.Equal("ServicePrincipal", (string?)a.Resource["properties"]!["principalType"]);
            Assert.Null(a.Resource["condition"]);
        });
    }

    [Fact]
    public void App_roles_go_to_the_identity_the_app_runs_as()
    {
        Assert.Equal("[reference('identity').outputs.principalId.value]", Roles.Passed("appPrincipalId"));
        Assert.Equal("[variables('storageAccountName')]", Roles.Passed("storageAccountName"));
        Assert.Equal("[variables('applicationInsightsName')]", Roles.Passed("applicationInsightsName"));
        Assert.Equal("[variables('keyVaultName')]", Roles.Passed("keyVaultName"));
        Assert.Equal("[variables('storageAccountName')]", infra.Module("storage").Passed("name"));
        Assert.Equal("[variables('applicationInsightsName')]", infra.Module("monitoring").Passed("applicationInsightsName"));
        Assert.Equal("[variables('keyVaultName')]", infra.Module("keyvault").Passed("name"));
    }

    [Fact]
    public void Every_assignment_is_named_guid_of_scope_principal_and_role()
    {
        var all = infra.AllResources().Where(r => (string?)r.Resource["type"] == "Microsoft.Authorization/roleAssignments").ToList();
        var parsed = Assignments("appPrincipalId").Concat(Assignments("operatorPrincipalId")).ToList();

        // Every assignment in the whole deployment is one of those two sets (and so has the guid() name).
        Assert.Equal(all.Count, parsed.Count);
        Assert.All(parsed, a => Assert.Equal(
            $"[guid({a.ScopeExpression}, parameters('{a.Principal}'), '{a.RoleId}')]",
            (string?)a.Resource["name"]));
    }

    [Fact]
    public void Operator_roles_are_conditional_and_never_broad()
    {
        var operatorRoles = Assignments("operatorPrincipalId");

        Assert.Equal(
            new HashSet<(string, string)>
            {
                (StorageAccount, StorageQueueDataContributor),
                (StorageAccount, StorageTableDataContributor),
                (KeyVault, KeyVaultSecretsOfficer),
            },
            operatorRoles.Select(a => (a.ScopeType, a.RoleId)).ToHashSet());
        Assert.All(operatorRoles, a => Assert.Equal("[variables('hasOperator')]", (string?)a.Resource["condition"]));
        Assert.Equal("[not(empty(parameters('operatorPrincipalId')))]", (string?)Roles.Variable("hasOperator"));
        Assert.Equal("[parameters('principalId')]", Roles.Passed("operatorPrincipalId"));

        // Owner, Contributor, User Access Administrator: nothing in this template needs them.
        var text = infra.Main.ToJsonString();
        Assert.DoesNotContain("8e3af657-a8ff-443c-a75c-2fe8c4bcb635", text);
        Assert.DoesNotContain("b24988ac-6180-42a0-ab88-20f7382dd24c", text);
        Assert.DoesNotContain("18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", text);
    }

    [Fact]
    public void Operations_guide_names_exactly_the_operator_roles_the_template_grants()
    {
        var names = new Dictionary<string, string>
        {
            [StorageQueueDataContributor] = "Storage Queue Data Contributor",
            [StorageTableDataContributor] = "Storage Table Data Contributor",
            [StorageTableDataReader] = "Storage Table Data Reader",
            [KeyVaultSecretsOfficer] = "Key Vault Secrets Officer",
        };
        var guide = File.ReadAllText(Repository.PathOf("docs", "OPERATIONS.md"));
        var paragraph = guide[guide.IndexOf("If you pass your own object id", StringComparison.Ordinal)..];
        paragraph = paragraph[..paragraph.IndexOf("\n\n", StringComparison.Ordinal)].ReplaceLineEndings(" ");

        var granted = Assignments("operatorPrincipalId").Select(a => names[a.RoleId]).ToHashSet();
        var mentioned = names.Values.Where(n => paragraph.Contains(n.Replace("Storage ", "", StringComparison.Ordinal), StringComparison.Ordinal)).ToHashSet();

        Assert.Equal(granted, mentioned);
        // alerts channels enable writes the channels table: a reader could not do what the guide asks.
        Assert.Contains("alerts channels enable", paragraph, StringComparison.Ordinal);
        Assert.Contains(names[StorageTableDataContributor], granted);
    }

    private List<Assignment> Assignments(string principalParameter) =>
        Roles.Resources("Microsoft.Authorization/roleAssignments")
            .Where(r => (string?)r["properties"]!["principalId"] == $"[parameters('{principalParameter}')]")
            .Select(r => Parse(r, principalParameter))
            .ToList();

    private static Assignment Parse(JsonObject resource, string principal)
    {
        var role = RoleDefinition().Match((string?)resource["properties"]!["roleDefinitionId"] ?? "");
        Assert.True(role.Success, $"Unexpected roleDefinitionId {resource["properties"]!["roleDefinitionId"]}.");
        var scope = ScopeExpression().Match((string?)resource["scope"] ?? "");
        Assert.True(scope.Success, $"Unexpected scope {resource["scope"]}.");
        return new Assignment(resource, principal, scope.Groups["type"].Value, scope.Groups["expr"].Value, role.Groups["role"].Value);
    }

    [GeneratedRegex(@"^\[subscriptionResourceId\('Microsoft\.Authorization/roleDefinitions', '(?<role>[0-9a-f-]{36})'\)\]$")]
    private static partial Regex RoleDefinition();

    [GeneratedRegex(@"^\[(?<expr>resourceId\('(?<type>[^']+)', parameters\('\w+'\)\))\]$")]
    private static partial Regex ScopeExpression();

    private sealed record Assignment(JsonObject Resource, string Principal, string ScopeType, string ScopeExpression, string RoleId);
}

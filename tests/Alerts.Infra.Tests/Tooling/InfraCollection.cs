namespace Alerts.Infra.Tests.Tooling;

/// <summary>
/// All infra tests share one compiled template and run one after another: each Bicep CLI run is a
/// large process, and the machine is small.
/// </summary>
[CollectionDefinition(Name)]
public sealed class InfraCollection : ICollectionFixture<CompiledInfra>
{
    public const string Name = "infra";
}

using Alerts.Testing;

namespace Alerts.Integration.Tests.Stores;

/// <summary>One Azurite for every test class in this collection.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}

using Alerts.Azure;
using Alerts.Core.Ports;
using Alerts.Integration.Tests.Stores;
using Alerts.Testing;

namespace Alerts.Integration.Tests.Events;

[Collection(AzuriteCollection.Name)]
public sealed class AzureParallelPollersTests(AzuriteFixture azurite) : ParallelPollersContract
{
    protected override IStateStore OpenStore() => new AzureTableStateStore(azurite.ConnectionString);
}

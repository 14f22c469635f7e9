using Alerts.Core.Ports;
using Alerts.Integration.Tests.Stores;
using Alerts.Local;

namespace Alerts.Integration.Tests.Events;

public sealed class SqliteParallelPollersTests : ParallelPollersContract, IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    protected override IStateStore OpenStore() => new SqliteStateStore(_database.Open(), Time);

    public void Dispose() => _database.Dispose();
}

using Orleans.Messaging;
using Orleans.Serialization;

namespace HeteroOrleans.Hosting.InProcess;

/// <summary>One silo's (or client's) access to a <see cref="SharedMembershipTable"/>: entries are copied in and out, as a store would.</summary>
internal sealed class SharedMembershipTableProvider(SharedMembershipTable table, DeepCopier<MembershipEntry> copier) : IMembershipTable, IGatewayListProvider
{
    public TimeSpan MaxStaleness => TimeSpan.Zero;

    public bool IsUpdatable => true;

    public Task InitializeMembershipTable(bool tryInitTableVersion) => Task.CompletedTask;

    public Task DeleteMembershipTableEntries(string clusterId)
    {
        table.Clear();
        return Task.CompletedTask;
    }

    public Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate)
    {
        table.CleanupDefunct(beforeDate);
        return Task.CompletedTask;
    }

    public Task<MembershipTableData> ReadRow(SiloAddress key) => Task.FromResult(table.Read(key, copier.Copy));

    public Task<MembershipTableData> ReadAll() => Task.FromResult(table.ReadAll(copier.Copy));

    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion) => Task.FromResult(table.Insert(copier.Copy(entry), tableVersion));

    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) => Task.FromResult(table.Update(copier.Copy(entry), etag, tableVersion));

    public Task UpdateIAmAlive(MembershipEntry entry)
    {
        table.UpdateIAmAlive(entry.SiloAddress, entry.IAmAliveTime);
        return Task.CompletedTask;
    }

    public Task InitializeGatewayListProvider() => Task.CompletedTask;

    public Task<IList<Uri>> GetGateways() => Task.FromResult(table.Gateways());
}
